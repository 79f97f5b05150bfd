"""The same page with async/await on Twisted: a coroutine can await
any Deferred."""
from twisted.internet import defer, task

from twisted_fetch import fetch, log


async def build_page():
    both = [fetch("user", 0.2), fetch("posts", 0.3)]
    user, posts = await defer.gatherResults(both)
    log(f"combine: {user} has {len(posts)} posts")
    page = f"page for {user} with {len(posts)} posts"
    try:
        page = f"{page} and {await fetch('ads', 0.1, fails=True)}"
    except ConnectionError as error:
        log(f"except: {error}; no ads")
    return page


def main(reactor):
    # fromCoroutine (21.2; ensureDeferred since 16.4) wraps the
    # coroutine in a Deferred, so callback-style code can use it.
    d = defer.Deferred.fromCoroutine(build_page())
    d.addCallback(lambda page: log(f"callback render: {page}"))
    log("main: the coroutine waits; react() runs the reactor")
    return d  # react() stops the reactor when this fires


task.react(main)
