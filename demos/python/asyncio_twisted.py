"""Twisted on asyncio's event loop: install the asyncio reactor before anything
imports the reactor, and Deferreds and asyncio coroutines can await each other."""
import asyncio
import time

from twisted.internet import asyncioreactor

loop = asyncio.new_event_loop()
asyncioreactor.install(loop)  # before anything imports twisted.internet.reactor

from twisted.internet import defer, task  # noqa: E402


async def asyncio_code(reactor):
    await asyncio.sleep(0.1)  # plain asyncio...
    twisted_timer = task.deferLater(reactor, 0.1, lambda: None)
    await twisted_timer.asFuture(loop)  # ...awaiting a Deferred
    return "asyncio coroutine done"


async def twisted_code(reactor):
    started = time.monotonic()
    from_twisted = task.deferLater(reactor, 0.2, lambda: "Twisted timer done")
    asyncio_task = loop.create_task(asyncio_code(reactor))
    from_asyncio = defer.Deferred.fromFuture(asyncio_task)
    results = await defer.gatherResults([from_twisted, from_asyncio])
    print(f"{results} after {time.monotonic() - started:.1f} s")
    running = asyncio.get_running_loop()
    print("Twisted's reactor runs asyncio's loop:", running is loop)


task.react(lambda reactor: defer.Deferred.fromCoroutine(twisted_code(reactor)))
