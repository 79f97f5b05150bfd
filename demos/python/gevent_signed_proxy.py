"""A streaming proxy for per-user, expiring, signed links (like S3's).
GET /<file>?user=U&expires=T&sig=S streams <UPSTREAM>/U/<file> through."""
from gevent import monkey

monkey.patch_all()

import hashlib
import hmac
import os
import time
import urllib.request
from urllib.parse import parse_qs

from gevent.pywsgi import WSGIServer

SECRET = os.environ.get("SECRET", "change me").encode()
UPSTREAM = os.environ.get("UPSTREAM", "http://127.0.0.1:9000")
TOKEN = os.environ.get("UPSTREAM_TOKEN", "")  # only the proxy holds it


def signature(path, user, expires):
    message = f"{path}\n{user}\n{expires}".encode()
    return hmac.new(SECRET, message, hashlib.sha256).hexdigest()


def check(path, query):
    user, expires, sig = (query.get(k, [""])[0]
                          for k in ("user", "expires", "sig"))
    if not expires.isdigit() or int(expires) < time.time():
        return None  # no expiry, or expired
    if not hmac.compare_digest(sig, signature(path, user, expires)):
        return None  # tampered with, or signed for someone else
    return user


def proxy(environ, start_response):
    path = environ["PATH_INFO"]
    user = check(path, parse_qs(environ.get("QUERY_STRING", "")))
    if user is None:
        start_response("403 Forbidden", [("Content-Type", "text/plain")])
        return [b"invalid or expired link\n"]
    request = urllib.request.Request(f"{UPSTREAM}/{user}{path}",
                                     headers={"X-Auth-Token": TOKEN})
    upstream = urllib.request.urlopen(request)  # only this greenlet waits
    kind = upstream.headers.get_content_type()
    start_response("200 OK", [("Content-Type", kind)])
    return relay(upstream)


def relay(upstream):
    with upstream:
        # read1: whatever has arrived, up to 64 KB; pywsgi sends it on at once
        while chunk := upstream.read1(64 * 1024):
            yield chunk


port = int(os.environ.get("PORT", 8000))
server = WSGIServer(("127.0.0.1", port), proxy, log=None)
server.start()
print("listening on port", server.server_port, flush=True)
server.serve_forever()
