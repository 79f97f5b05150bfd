"""The long-poll chat on Twisted: a waiting request is parked (render returns NOT_DONE_YET) with a
timer, and a send finishes every parked request. No thread and no stack per waiting client:
just a Request object and a callLater."""
from twisted.internet import reactor
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site

from chat_common import PAGE, PORT, WAIT_SECONDS, BadRequest, MessageLog, parse_since, parse_text, to_json

log = MessageLog()
parked = {}  # request -> (since, timeout call)


def respond(request, status, body):
    request.setResponseCode(status)
    request.setHeader(b"content-type", b"application/json")
    return to_json(body)


def forget(request):
    since, timeout = parked.pop(request, (None, None))
    if timeout is not None and timeout.active():
        timeout.cancel()


def finish(request):
    since, timeout = parked.pop(request)
    if timeout.active():
        timeout.cancel()
    request.write(respond(request, 200, log.reply(since)))
    request.finish()


class Index(Resource):
    isLeaf = True

    def render_GET(self, request):
        request.setHeader(b"content-type", b"text/html; charset=utf-8")
        return PAGE


class Wait(Resource):
    isLeaf = True

    def render_GET(self, request):
        try:
            since = parse_since(request.uri.partition(b"?")[2].decode())
        except BadRequest as error:
            return respond(request, 400, {"error": str(error)})
        if log.last > since:
            return respond(request, 200, log.reply(since))
        parked[request] = (since, reactor.callLater(WAIT_SECONDS, finish, request))
        # A client that hangs up is simply forgotten.
        request.notifyFinish().addErrback(lambda _: forget(request))
        return NOT_DONE_YET


class Send(Resource):
    isLeaf = True

    def render_POST(self, request):
        try:
            text = parse_text(request.content.read())
        except BadRequest as error:
            return respond(request, 400, {"error": str(error)})
        message_id = log.append(text)
        for waiting in list(parked):
            finish(waiting)
        return respond(request, 200, {"id": message_id})


root = Resource()
root.putChild(b"", Index())
root.putChild(b"wait", Wait())
root.putChild(b"send", Send())

# A deep accept queue: the default of 50 would drop a burst of clients into TCP retry delays.
listening = reactor.listenTCP(PORT, Site(root), backlog=1024, interface="127.0.0.1")
print("listening on port", listening.getHost().port, flush=True)
reactor.run()
