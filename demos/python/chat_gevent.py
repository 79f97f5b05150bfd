"""The long-poll chat on gevent: pywsgi runs each request in its own greenlet, so a waiting
request simply blocks on an Event, and the hub runs everybody else meanwhile."""
import time

from gevent.event import Event
from gevent.pywsgi import WSGIServer

from chat_common import PORT, WAIT_SECONDS, MessageLog, wsgi_app

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


server = WSGIServer(("127.0.0.1", PORT), wsgi_app(wait, send), log=None, backlog=1024)
server.start()
print("listening on port", server.server_port, flush=True)
server.serve_forever()
