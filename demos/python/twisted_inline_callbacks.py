"""The page of twisted_deferred_chain.py again, written with
inlineCallbacks (in Twisted since 2006)."""
from twisted.internet import defer, reactor

from twisted_fetch import fetch, log


@defer.inlineCallbacks
def build_page():
    both = [fetch("user", 0.2), fetch("posts", 0.3)]
    user, posts = yield defer.gatherResults(both)  # resumes when fired
    log(f"combine: {user} has {len(posts)} posts")
    page = f"page for {user} with {len(posts)} posts"
    try:
        ads = yield fetch("ads", 0.1, fails=True)
        page = f"{page} and {ads}"
    except ConnectionError as error:  # the errback, as an except
        log(f"except: {error}; no ads")
    return page  # fires the Deferred that build_page() returned


def render(page):
    log(f"render: {page}")


d = build_page()  # a Deferred at once; the generator is at its 1st yield
d.addCallback(render)
d.addBoth(lambda _: reactor.stop())
log("reactor.run(): both requests are in flight")
reactor.run()
log("reactor stopped")
