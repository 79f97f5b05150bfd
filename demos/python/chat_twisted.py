"""The long-poll chat on Twisted: a waiting request is parked (render returns NOT_DONE_YET) with a
timer, and a send finishes every parked request. No thread and no stack per waiting client:
just a Request object and a callLater."""
from twisted.internet import reactor
from twisted.web.resource import Resource
from twisted.web.http import HTTPChannel
from twisted.web.server import NOT_DONE_YET, Request, Site

from chat_common import (HOST, JSON, MALFORMED, MAX_BODY, PAGE, PORT, WAIT_SECONDS, MessageLog, Refusal, check_length,
                         check_route, check_send, http_response, parse_since, parse_text, report_failure, to_json)

log = MessageLog()
parked = {}  # request -> (since, timeout call)


def header(request, name):
    value = request.getHeader(name)
    return value and value.decode("latin-1")


def forget(request):
    since, timeout = parked.pop(request, (None, None))
    if timeout is not None and timeout.active():
        timeout.cancel()


def finish(request):
    since, timeout = parked.pop(request)
    if timeout.active():
        timeout.cancel()
    request.setHeader(b"content-type", JSON.encode())
    request.write(to_json(log.reply(since)))
    request.finish()


def wait(request, since):
    if request.method == b"HEAD" or log.last != since:
        return to_json(log.reply(since))  # answered at once
    parked[request] = (since, reactor.callLater(WAIT_SECONDS, finish, request))
    # A client that hangs up is forgotten at once: the reactor sees the connection close.
    request.notifyFinish().addErrback(lambda _: forget(request))
    return NOT_DONE_YET


def send(request):
    check_send(header(request, b"content-type") or "", header(request, b"content-length"))
    message_id = log.append(parse_text(request.content.read()))
    for waiting in list(parked):
        finish(waiting)
    return to_json({"id": message_id})


class Chat(Resource):
    isLeaf = True  # every path comes here, so an unknown one gets the protocol's JSON 404

    def render(self, request):
        method, path = request.method.decode("latin-1"), request.path.decode("latin-1")
        request.setHeader(b"content-type", JSON.encode())
        try:
            if request.clientproto not in (b"HTTP/1.0", b"HTTP/1.1"):
                raise Refusal(400, MALFORMED["error"])
            check_route(method, path)
            if path == "/":
                request.setHeader(b"content-type", b"text/html; charset=utf-8")
                return PAGE
            if path == "/wait":
                return wait(request, parse_since(request.uri.partition(b"?")[2].decode("latin-1")))
            return send(request)
        except Refusal as refusal:
            status, error = refusal.status, str(refusal)
            for name, value in refusal.headers:
                request.setHeader(name, value)
        except Exception:
            status, error = report_failure()
        request.setResponseCode(status)
        return to_json({"error": error})


class ChatRequest(Request):
    """twisted.web reads a whole body before render() is called. This request refuses one over
    MAX_BODY as soon as its Content-Length is read, and keeps no more than MAX_BODY of any body."""

    def gotLength(self, length):
        try:
            check_length(None if length is None else str(length))
        except Refusal as refusal:
            self.channel.transport.write(http_response(refusal.status, JSON, refusal.body, refusal.headers))
            self.channel.transport.loseConnection()
        super().gotLength(min(length, MAX_BODY) if length is not None else None)

    def handleContentChunk(self, data):
        if self.content.tell() + len(data) <= MAX_BODY:
            super().handleContentChunk(data)


class ChatChannel(HTTPChannel):
    def lineLengthExceeded(self, line):  # a line over 16 KB: Twisted would hang up without a word
        self.transport.write(http_response(400, JSON, to_json(MALFORMED), [("Connection", "close")]))
        self.transport.loseConnection()


site = Site(Chat())
site.requestFactory, site.protocol = ChatRequest, ChatChannel
# A deep accept queue: the default of 50 would drop a burst of clients into TCP retry delays.
listening = reactor.listenTCP(PORT, site, backlog=1024, interface=HOST)
print("listening on port", listening.getHost().port, flush=True)
reactor.run()
