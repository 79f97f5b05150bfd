"""The long-poll chat on Eventlet: eventlet.wsgi gives each connection a green thread, which
serves that connection's requests one after another, so a waiting request blocks on an Event,
inside a Timeout, while the hub serves everybody else."""
import errno

import eventlet
import eventlet.wsgi
from eventlet.event import Event
from eventlet.hubs import trampoline

from chat_common import HOST, JSON, MALFORMED, PORT, WAIT_SECONDS, MessageLog, to_json, wsgi_app

log = MessageLog()
new_message = Event()  # an Eventlet Event fires once: a fresh one for every send


class HungUp(Exception):
    """Thrown into a waiting green thread whose client has gone."""


def watch(connection, waiter):
    trampoline(connection.fileno(), read=True)  # readable: the client hung up
    eventlet.kill(waiter, HungUp)


def wait(since, connection):
    # Eventlet has no wait-for-either, so a second green thread watches the connection and
    # ends this wait at once when the client hangs up.
    watcher = eventlet.spawn(watch, connection, eventlet.getcurrent())
    try:
        with eventlet.Timeout(WAIT_SECONDS, False):  # False: time out quietly
            while log.last == since:
                new_message.wait()  # blocks this green thread only
    except HungUp:
        pass
    finally:
        watcher.kill()
    return log.reply(since)


def send(text):
    global new_message
    message_id = log.append(text)
    woken, new_message = new_message, Event()
    woken.send()
    return {"id": message_id}


class PatientListener:
    """The listening socket, with an accept that waits while the process has no file descriptor
    left: eventlet.wsgi.server would exit on that error, and every message with it."""

    def __init__(self, sock):
        self.sock = sock

    def accept(self):
        while True:
            try:
                return self.sock.accept()
            except OSError as error:
                if error.errno not in (errno.EMFILE, errno.ENFILE):
                    raise
                eventlet.sleep(0.1)  # until some connection closes

    def __getattr__(self, name):
        return getattr(self.sock, name)


class Protocol(eventlet.wsgi.HttpProtocol):
    """Eventlet's own refusal of a request it cannot parse, in JSON rather than an HTML page."""

    default_request_version = "HTTP/1.0"  # not 0.9, whose answers have no status line
    error_content_type = JSON
    error_message_format = to_json(MALFORMED).decode()

    def send_error(self, code, message=None, explain=None):
        super().send_error(400 if code >= 500 else code)  # 505: an unknown HTTP version; no echo of it


listener = eventlet.listen((HOST, PORT), backlog=1024)  # the default 50 drops bursts
print("listening on port", listener.getsockname()[1], flush=True)
eventlet.wsgi.server(PatientListener(listener), wsgi_app(log, wait, send), protocol=Protocol,
                    log_output=False, max_size=100_000, debug=False)  # connections at once; 1,024 by default
