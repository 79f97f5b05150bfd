"""The long-poll chat on Eventlet: eventlet.wsgi runs each request in its own green thread, so a
waiting request blocks on an Event, inside a Timeout, while the hub serves everybody else."""
import time

import eventlet
import eventlet.wsgi
from eventlet.event import Event

from chat_common import PORT, WAIT_SECONDS, MessageLog, wsgi_app

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


listener = eventlet.listen(("127.0.0.1", PORT), backlog=1024)  # the default 50 drops bursts
print("listening on port", listener.getsockname()[1], flush=True)
eventlet.wsgi.server(listener, wsgi_app(wait, send), log_output=False, max_size=10000)
