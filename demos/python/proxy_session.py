"""A scripted session for gevent_signed_proxy.py: `npm run demos:record` runs
it against the proxy, with the proxy's SECRET, UPSTREAM and UPSTREAM_TOKEN in
its environment too. It plays the upstream store itself, then fetches a good
link, a tampered one and an expired one. It exits non-zero on a wrong answer."""
import hashlib
import hmac
import os
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

PROXY = f"http://127.0.0.1:{os.environ.get('PORT', 8000)}"
SECRET = os.environ["SECRET"].encode()
TOKEN = os.environ["UPSTREAM_TOKEN"]


class Store(BaseHTTPRequestHandler):
    def do_GET(self):  # the object store: it answers only the proxy's token
        if self.headers.get("X-Auth-Token") != TOKEN:
            self.send_error(401)
            return
        body = f"the file {self.path} from the store\n".encode() * 3
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


store = ThreadingHTTPServer(("127.0.0.1", urlparse(os.environ["UPSTREAM"]).port), Store)
threading.Thread(target=store.serve_forever, daemon=True).start()


def link(path, user, expires):
    sig = hmac.new(SECRET, f"{path}\n{user}\n{expires}".encode(), hashlib.sha256).hexdigest()
    return f"{PROXY}{path}?user={user}&expires={expires}&sig={sig}"


def fetch(what, url, expected):
    try:
        with urllib.request.urlopen(url) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    print(f"{what}: {status} {body.splitlines()[0] if body else ''}", flush=True)
    if status != expected:
        print(f"expected {expected}", file=sys.stderr, flush=True)
        sys.exit(1)


soon = int(time.time()) + 60
fetch("a link signed for ada", link("/report.pdf", "ada", soon), 200)
fetch("the same link, for bob", link("/report.pdf", "ada", soon).replace("user=ada", "user=bob"), 403)
fetch("a link that has expired", link("/report.pdf", "ada", int(time.time()) - 1), 403)
store.shutdown()
