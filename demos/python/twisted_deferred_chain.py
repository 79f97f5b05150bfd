"""Two fetches at once, combined, then a third that fails: a page
built with Twisted's Deferred callbacks."""
from twisted.internet import defer, reactor

import lanes  # the workbench's timeline; prints nothing in a terminal
from twisted_fetch import fetch, log


def combine(results):
    lanes.span("page", "waiting")  # since the start: for the user and the posts
    user, posts = results
    log(f"callback combine: {user} has {len(posts)} posts")
    return f"page for {user} with {len(posts)} posts"


def add_ads(page):
    d = fetch("ads", 0.1, fails=True)
    d.addCallback(lambda ads: f"{page} and {ads}")
    d.addErrback(skip_ads, page)  # only for a failure of this fetch
    lanes.span("page", "running")  # combine() and add_ads() ran
    return d  # a Deferred: the outer chain pauses until it fires


def skip_ads(failure, page):
    log(f"errback skip_ads: {failure.getErrorMessage()}; no ads")
    return page  # a plain value: back on the callback track


def render(page):
    lanes.span("page", "waiting")  # paused until the ads fetch was done
    log(f"callback render: {page}")
    lanes.span("page", "running")  # render() ran: the page is done


def report(failure):
    log(f"errback report: {failure.getErrorMessage()}")


d = defer.gatherResults([fetch("user", 0.2), fetch("posts", 0.3)])
d.addCallback(combine)
d.addCallback(add_ads)
d.addCallback(render)
d.addErrback(report)  # the last line of defence for all of the above
d.addBoth(lambda _: reactor.stop())
log("reactor.run(): nothing has happened yet")
reactor.run()
log("reactor stopped")
