# HISTORY: never run. Concurrence needs Python 2 and libevent 1.4, and its author last changed its
# code in February 2010; no current machine runs it, so this file is not executed by the tests. It is the long-poll
# chat written against Concurrence 0.3's documented API, for comparison with chat_gevent.py,
# chat_eventlet.py and chat_twisted.py, which do run: Channel, TimeoutError and dispatch from
# core.py, and concurrence.http.WSGIServer (concurrence/http/server.py), the server the project's
# examples/http.py imported until February 2010. That example's last version imports the faster
# concurrence.http.server2.WSGIServer instead, which gives an application no wsgi.input, so
# this program could not read the body of a POST /send on it.
import json
import os
import urlparse

from concurrence import dispatch, Channel, TimeoutError
from concurrence.http import WSGIServer

WAIT_SECONDS = 25
MAX_TEXT = 2000
PAGE = open(os.path.join(os.path.dirname(__file__), '..', '..', 'comet-chat', 'index.html')).read()

messages = []  # {'id': n, 'text': ...}, ids from 1
waiters = []   # one Channel per parked /wait request


def reply(since):
    after = messages[since:]
    return {'messages': after, 'last': after[-1]['id'] if after else since}


def wait(since):
    if len(messages) <= since:
        channel = Channel()
        waiters.append(channel)
        try:
            channel.receive(WAIT_SECONDS)  # blocks this tasklet until a send, or times out
        except TimeoutError:
            pass
        finally:
            if channel in waiters:
                waiters.remove(channel)
    return reply(since)


def send(text):
    messages.append({'id': len(messages) + 1, 'text': text})
    woken = waiters[:]
    del waiters[:]
    for channel in woken:
        # A rendezvous: send() blocks until the waiter takes it, and a waiter whose receive has
        # just timed out never will, so only a tasklet still receiving is sent to.
        if channel.has_receiver():
            channel.send(True)  # hands control to the waiting tasklet
    return {'id': len(messages)}


def app(environ, start_response):
    method, path = environ['REQUEST_METHOD'], environ['PATH_INFO']
    if method == 'GET' and path == '/':
        start_response('200 OK', [('Content-Type', 'text/html; charset=utf-8')])
        return [PAGE]
    try:
        if method == 'GET' and path == '/wait':
            since = int(urlparse.parse_qs(environ.get('QUERY_STRING', '')).get('since', ['0'])[0])
            if since < 0:
                raise ValueError('since must be a whole number')
            body = wait(since)
        elif method == 'POST' and path == '/send':
            text = json.loads(environ['wsgi.input'].read()).get('text')
            if not isinstance(text, basestring) or not text.strip() or len(text) > MAX_TEXT:
                raise ValueError('text must be a non-empty string of at most 2000 characters')
            body = send(text)
        else:
            start_response('404 Not Found', [('Content-Type', 'application/json')])
            return [json.dumps({'error': 'not found'})]
    except (ValueError, AttributeError), error:
        start_response('400 Bad Request', [('Content-Type', 'application/json')])
        return [json.dumps({'error': str(error)})]
    start_response('200 OK', [('Content-Type', 'application/json')])
    return [json.dumps(body)]


def main():
    WSGIServer(app).serve(('localhost', 8000))


if __name__ == '__main__':
    dispatch(main)
