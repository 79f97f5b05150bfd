"""A streaming proxy for per-user, expiring, signed links (like S3's).
GET /<file>?user=U&expires=T&sig=S streams <UPSTREAM>/U/<file> through."""
from gevent import monkey

monkey.patch_all()

import hashlib
import hmac
import os
import time
import urllib.error
import urllib.request
from urllib.parse import parse_qs

from gevent.pywsgi import WSGIServer

SECRET = os.environ.get("SECRET", "change me").encode()
UPSTREAM = os.environ.get("UPSTREAM", "http://127.0.0.1:9000")
TOKEN = os.environ.get("UPSTREAM_TOKEN", "")  # only the proxy holds it
TIMEOUT = float(os.environ.get("UPSTREAM_TIMEOUT", 10))  # seconds the storage may keep us waiting


def signature(path, user, expires):
    message = f"{path}\n{user}\n{expires}".encode()
    return hmac.new(SECRET, message, hashlib.sha256).hexdigest()


def check(path, query):
    user, expires, sig = (query.get(k, [""])[0]
                          for k in ("user", "expires", "sig"))
    if not expires.isdigit() or int(expires) < time.time():
        return None  # no expiry, or expired
    if not hmac.compare_digest(sig.encode(), signature(path, user, expires).encode()):
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
    try:
        upstream = urllib.request.urlopen(request, timeout=TIMEOUT)  # only this greenlet waits
    except urllib.error.HTTPError as error:  # the storage's own answer, a 404 say: passed on
        start_response(f"{error.code} {error.reason}", [("Content-Type", "text/plain")])
        return [f"upstream: {error.code} {error.reason}\n".encode()]
    except OSError:  # no answer in time, or none at all
        start_response("504 Gateway Timeout", [("Content-Type", "text/plain")])
        return [b"the storage did not answer\n"]
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
