"""What every Python chat server here shares: the protocol's rules and the message log.

Only the waiting differs between frameworks, so only the waiting lives in chat_gevent.py,
chat_eventlet.py and chat_twisted.py (the first two also share the WSGI routes below). The page
is the same file the Node.js server serves.
"""
import json
import os
from pathlib import Path
from urllib.parse import parse_qs

PORT = int(os.environ.get("PORT", 8000))
WAIT_SECONDS = float(os.environ.get("CHAT_WAIT_TIMEOUT", 25))
MAX_TEXT = 2000
PAGE = (Path(__file__).parent.parent / "comet-chat" / "index.html").read_bytes()


class BadRequest(Exception):
    """Answered with 400 and {"error": message}; nothing is broadcast."""


def parse_since(query_string):
    values = parse_qs(query_string).get("since", ["0"])
    try:
        since = int(values[0])
    except ValueError:
        raise BadRequest("since must be a whole number")
    if since < 0:
        raise BadRequest("since must be a whole number")
    return since


def parse_text(body):
    try:
        text = json.loads(body).get("text")
    except (ValueError, AttributeError):
        raise BadRequest('the body must be JSON like {"text": "hello"}')
    if not isinstance(text, str):
        raise BadRequest("text must be a string")
    if not text.strip():
        raise BadRequest("text must not be empty")
    if len(text) > MAX_TEXT:
        raise BadRequest(f"text must be at most {MAX_TEXT} characters")
    return text


class MessageLog:
    def __init__(self):
        self.messages = []  # {"id": n, "text": ...}, ids from 1

    @property
    def last(self):
        return len(self.messages)

    def append(self, text):
        self.messages.append({"id": self.last + 1, "text": text})
        return self.last

    def reply(self, since):
        """The /wait answer: every message after `since`, and the cursor for the next call."""
        after = self.messages[since:]
        return {"messages": after, "last": after[-1]["id"] if after else since}


def to_json(value):
    return json.dumps(value).encode()


def wsgi_app(wait, send):
    """The protocol's routes as a WSGI application, for the servers that speak WSGI (gevent's
    pywsgi, eventlet.wsgi): `wait(since)` and `send(text)` are all a framework supplies."""

    def app(environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        try:
            if method == "GET" and path == "/":
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
                return [PAGE]
            if method == "GET" and path == "/wait":
                body = wait(parse_since(environ.get("QUERY_STRING", "")))
            elif method == "POST" and path == "/send":
                body = send(parse_text(environ["wsgi.input"].read()))
            else:
                start_response("404 Not Found", [("Content-Type", "application/json")])
                return [to_json({"error": "not found"})]
        except BadRequest as error:
            start_response("400 Bad Request", [("Content-Type", "application/json")])
            return [to_json({"error": str(error)})]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [to_json(body)]

    return app
