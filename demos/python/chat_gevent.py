"""The long-poll chat on gevent: pywsgi gives each connection a greenlet, which serves that
connection's requests one after another, so a waiting request simply blocks on an Event, and
the hub runs everybody else meanwhile."""
import gevent
from gevent.event import Event
from gevent.pywsgi import WSGIHandler, WSGIServer
from gevent.socket import wait_read

from chat_common import HOST, JSON, MALFORMED, PORT, WAIT_SECONDS, MessageLog, http_response, to_json, wsgi_app

log = MessageLog()
new_message = Event()  # replaced after every send, so each send wakes exactly the current waiters


# A client that hangs up makes its connection readable: a second greenlet sees that, and the
# wait ends at once instead of holding its greenlet until the next send or the timeout.
def wait(since, connection):
    hung_up = gevent.spawn(wait_read, connection.fileno())
    try:
        with gevent.Timeout(WAIT_SECONDS, False):  # False: time out quietly
            while log.last == since and not hung_up.dead:
                gevent.wait([new_message, hung_up], count=1)  # blocks this greenlet only
    finally:
        hung_up.kill()
    return log.reply(since)


def send(text):
    global new_message
    message_id = log.append(text)
    woken, new_message = new_message, Event()
    woken.set()
    return {"id": message_id}


class Handler(WSGIHandler):
    def _handle_client_error(self, error):  # pywsgi's hook for a request it cannot parse
        super()._handle_client_error(error)  # which logs it, and would answer with an empty 400
        return "400", http_response(400, JSON, to_json(MALFORMED), [("Connection", "close")])


server = WSGIServer((HOST, PORT), wsgi_app(log, wait, send), handler_class=Handler, log=None, backlog=1024)
server.start()
print("listening on port", server.server_port, flush=True)
server.serve_forever()
