"""Runs one of the Python chat servers in demos/python, unchanged, and says when it parks a request.

    python3 -u tests/protocol/report_parked.py demos/python/chat_gevent.py

Each time one of the server's /wait requests starts waiting, this prints "parked, N waiting" (N: how
many wait at that moment), and "released, N waiting" when one stops, as demos/comet-chat/server.js
prints of itself. The tests wait for those lines before they send, or to see hang-ups released,
where a fixed sleep could only hope that the server had got there first.

The programs the chapters show stay free of test hooks: the line comes from wrapping the one call
with which each framework parks a request, and only where the server's own code makes that call.
gevent: gevent.wait. Eventlet and asyncio: Event.wait (the Event class is swapped for a subclass
before the server imports it). Twisted: Request.notifyFinish, which chat_twisted.py calls only for a request it leaves
unfinished. The line is printed just before the request blocks, and nothing runs in between: each of
these servers runs one thing at a time, on one thread.
"""
import runpy
import sys
from pathlib import Path

SERVER = str(Path(sys.argv[1]).resolve())
waiting = 0


def park():
    global waiting
    waiting += 1
    print(f"parked, {waiting} waiting", flush=True)


def unpark(_=None):
    global waiting
    waiting -= 1
    print(f"released, {waiting} waiting", flush=True)


def called_by_server():
    """Whether the function that called our wrapper is the server's own code."""
    return sys._getframe(2).f_code.co_filename == SERVER


def report_gevent():
    import gevent

    gevent_wait = gevent.wait

    def wait(*args, **kwargs):
        if not called_by_server():
            return gevent_wait(*args, **kwargs)
        park()
        try:
            return gevent_wait(*args, **kwargs)
        finally:  # also when a Timeout raises through it
            unpark()

    gevent.wait = wait


def report_eventlet():
    import eventlet.event

    class Event(eventlet.event.Event):
        def wait(self, timeout=None):
            if not called_by_server():
                return super().wait(timeout)
            park()
            try:
                return super().wait(timeout)  # a Timeout around it raises through here
            finally:
                unpark()

    eventlet.event.Event = Event


def report_asyncio():
    import asyncio

    class Event(asyncio.Event):
        def wait(self):
            return self._parked() if called_by_server() else super().wait()

        async def _parked(self):
            park()
            try:
                return await super().wait()
            finally:  # also when asyncio.timeout cancels it
                unpark()

    asyncio.Event = Event


def report_twisted():
    from twisted.web.server import Request

    notify_finish = Request.notifyFinish

    def notifyFinish(self):
        if called_by_server():
            park()
            notify_finish(self).addBoth(unpark)  # finished, or the client left
        return notify_finish(self)

    Request.notifyFinish = notifyFinish


REPORTERS = {
    "chat_gevent.py": report_gevent,
    "chat_eventlet.py": report_eventlet,
    "chat_twisted.py": report_twisted,
    "asyncio_chat.py": report_asyncio,
}

name = Path(SERVER).name
if name not in REPORTERS:
    sys.exit(f"report_parked.py: no way known to see {name} park a request")
REPORTERS[name]()
sys.argv = [SERVER]
sys.path[0] = str(Path(SERVER).parent)  # for chat_common
runpy.run_path(SERVER, run_name="__main__")
