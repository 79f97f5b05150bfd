"""What every Python chat server here shares: the protocol's rules and the message log.

Only the waiting differs between frameworks, so only the waiting lives in chat_gevent.py,
chat_eventlet.py and chat_twisted.py (the first two also share the WSGI routes below). The page
is the same file the Node.js server serves. The rules are the README's "The chat protocol".
"""
import json
import os
import re
import sys
import traceback
from collections import deque
from http import HTTPStatus
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qs

HOST = os.environ.get("HOST", "127.0.0.1")  # loopback: nobody else on the network can reach it
PORT = int(os.environ.get("PORT", 8000))
WAIT_SECONDS = float(os.environ.get("CHAT_WAIT_TIMEOUT", 25))
MAX_TEXT = 2000  # characters, that is Unicode code points, as len() counts them
MAX_BODY = 16 * 1024  # bytes of a /send body; a longer one is refused before it is read
HISTORY = 1000  # messages kept: the server's memory stays bounded however long it runs
BLANK = " \t\n\r"  # a text of nothing else is empty
CURSOR = re.compile(r"[0-9]{1,15}")  # ASCII digits only; 15 of them fit every language's numbers
ROUTES = {"/": ("GET", "HEAD"), "/wait": ("GET", "HEAD"), "/send": ("POST",)}
JSON = "application/json"
PAGE = (Path(__file__).parent.parent / "comet-chat" / "index.html").read_bytes()


class Refusal(Exception):
    """Answered with `status` and {"error": message}; nothing is broadcast."""

    def __init__(self, status, message, headers=()):
        super().__init__(message)
        self.status, self.headers = status, list(headers)

    @property
    def body(self):
        return to_json({"error": str(self)})


def status_line(status):
    return f"{status} {HTTPStatus(status).phrase}"


def check_route(method, path):
    """An unknown path gets 404, a known one asked with the wrong method 405."""
    allowed = ROUTES.get(path)
    if allowed is None:
        raise Refusal(404, "not found")
    if method not in allowed:
        raise Refusal(405, f"{path} answers {' and '.join(allowed)}", [("Allow", ", ".join(allowed))])


def parse_since(query_string):
    values = parse_qs(query_string, keep_blank_values=True).get("since")
    if values is None:
        return 0
    if not CURSOR.fullmatch(values[0]):
        raise Refusal(400, "since must be a whole number of at most 15 digits")
    return int(values[0])


def check_length(content_length):
    """Any request: a body over MAX_BODY is refused before any of it is read."""
    if content_length is None:
        return
    if not content_length.isascii() or not content_length.isdigit():
        raise Refusal(400, "Content-Length must be a whole number")
    if int(content_length) > MAX_BODY:
        raise Refusal(413, f"a request body may be at most {MAX_BODY} bytes", [("Connection", "close")])


def check_send(content_type, content_length):
    """What a /send must say before its body is read; returns how many bytes to read."""
    if content_type.partition(";")[0].strip().lower() != JSON:
        raise Refusal(415, "a send must be application/json")
    if content_length is None:
        raise Refusal(411, "a send needs a Content-Length")
    return int(content_length)


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")  # json.loads would take NaN and Infinity


def parse_text(body):
    try:
        body = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the body must be UTF-8")
    try:
        text = json.loads(body, parse_constant=refuse_constant).get("text")
    except (ValueError, AttributeError, RecursionError):
        raise Refusal(400, 'the body must be JSON like {"text": "hello"}')
    if not isinstance(text, str):
        raise Refusal(400, "text must be a string")
    if not text.strip(BLANK):
        raise Refusal(400, "text must not be empty")
    if len(text) > MAX_TEXT:
        raise Refusal(400, f"text must be at most {MAX_TEXT} characters")
    return text


class MessageLog:
    def __init__(self):
        self.kept = deque(maxlen=HISTORY)  # {"id": n, "text": ...}, the newest HISTORY
        self.last = 0  # the id of the newest message; ids start at 1

    def append(self, text):
        self.last += 1
        self.kept.append({"id": self.last, "text": text})
        return self.last

    def reply(self, since):
        """The /wait answer: every message after `since`, and the cursor for the next call."""
        if since > self.last:  # a cursor from before this server started
            return {"messages": list(self.kept), "last": self.last, "reset": True}
        oldest = self.last - len(self.kept) + 1
        reply = {"messages": list(islice(self.kept, max(0, since + 1 - oldest), None)), "last": self.last}
        if since + 1 < oldest:
            reply["missed"] = oldest - since - 1  # messages after `since` that are no longer kept
        return reply


def to_json(value):
    return json.dumps(value).encode()


def http_response(status, content_type, body, headers=(), with_body=True):
    """A whole HTTP/1.1 response, for the servers that write their own bytes (a HEAD: without
    the body, but with its length)."""
    head = [f"HTTP/1.1 {status_line(status)}", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in headers]
    return "\r\n".join(head + ["", ""]).encode("latin-1") + (body if with_body else b"")


MALFORMED = {"error": "a malformed request"}  # what a request no parser can read gets, with 400


def report_failure():
    """A failure inside the server: its traceback goes to the server's log, never to a client."""
    traceback.print_exc(file=sys.stderr)
    return 500, {"error": "the server failed; the failure is in its log"}


def wsgi_app(log, wait, send):
    """The protocol's routes as a WSGI application, for the servers that speak WSGI (gevent's
    pywsgi, eventlet.wsgi): `wait(since, connection)` and `send(text)` are all a framework
    supplies. Both frameworks' wsgi.input keeps the request's connection as `.rfile`."""

    def answer(environ):
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        check_length(environ.get("CONTENT_LENGTH"))
        check_route(method, path)
        if path == "/":
            return 200, "text/html; charset=utf-8", PAGE
        if path == "/wait":
            since = parse_since(environ.get("QUERY_STRING", ""))
            answered_at_once = method == "HEAD" or log.last != since  # a HEAD never parks
            reply = log.reply(since) if answered_at_once else wait(since, environ["wsgi.input"].rfile)
            return 200, JSON, to_json(reply)
        length = check_send(environ.get("CONTENT_TYPE", ""), environ.get("CONTENT_LENGTH"))
        return 200, JSON, to_json(send(parse_text(environ["wsgi.input"].read(length))))

    def app(environ, start_response):
        headers = []  # beyond the two every answer has
        try:
            status, content_type, body = answer(environ)
        except Refusal as refusal:
            status, content_type, body, headers = refusal.status, JSON, refusal.body, refusal.headers
        except Exception:
            status, error = report_failure()
            content_type, body = JSON, to_json(error)
        start_response(status_line(status), [*headers, ("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]  # neither server drops it

    return app
