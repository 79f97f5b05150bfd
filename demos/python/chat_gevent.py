"""The long-poll chat on gevent: pywsgi runs each request in its own greenlet, so a waiting
request simply blocks on an Event, and the hub runs everybody else meanwhile."""
import time

from gevent.event import Event
from gevent.pywsgi import WSGIServer

from chat_common import PAGE, PORT, WAIT_SECONDS, BadRequest, MessageLog, parse_since, parse_text, to_json

log = MessageLog()
new_message = Event()  # replaced after every send, so each send wakes exactly the current waiters


def wait(since):
    deadline = time.monotonic() + WAIT_SECONDS
    while log.last <= since and time.monotonic() < deadline:
        new_message.wait(timeout=deadline - time.monotonic())  # blocks this greenlet only
    return log.reply(since)


def send(text):
    global new_message
    message_id = log.append(text)
    woken, new_message = new_message, Event()
    woken.set()
    return {"id": message_id}


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


server = WSGIServer(("127.0.0.1", PORT), app, log=None, backlog=1024)
server.start()
print("listening on port", server.server_port, flush=True)
server.serve_forever()
