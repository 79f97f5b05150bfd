"""The long-poll chat on Eventlet: eventlet.wsgi runs each request in its own green thread, so a
waiting request blocks on an Event, inside a Timeout, while the hub serves everybody else."""
import time

import eventlet
import eventlet.wsgi
from eventlet.event import Event

from chat_common import PAGE, PORT, WAIT_SECONDS, BadRequest, MessageLog, parse_since, parse_text, to_json

log = MessageLog()
new_message = Event()  # an Eventlet Event fires once: a fresh one for every send


def wait(since):
    deadline = time.monotonic() + WAIT_SECONDS
    while log.last <= since and time.monotonic() < deadline:
        with eventlet.Timeout(deadline - time.monotonic(), False):  # False: time out quietly
            new_message.wait()  # blocks this green thread only
    return log.reply(since)


def send(text):
    global new_message
    message_id = log.append(text)
    woken, new_message = new_message, Event()
    woken.send()
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


listener = eventlet.listen(("127.0.0.1", PORT), backlog=1024)  # the default 50 drops bursts
print("listening on port", listener.getsockname()[1], flush=True)
eventlet.wsgi.server(listener, app, log_output=False, max_size=10000)
