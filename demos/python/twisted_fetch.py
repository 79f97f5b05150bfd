"""A pretend network for the Twisted examples: fetch() answers after
a delay, or fails."""
import time

from twisted.internet import reactor, task

import lanes  # the workbench's timeline; prints nothing in a terminal

START = time.monotonic()
DATA = {"user": "ada", "posts": ["p1", "p2", "p3"]}


def log(message):
    ms = (time.monotonic() - START) * 1000
    print(f"{ms:4.0f} ms  {message}", flush=True)


def fetch(name, seconds, fails=False):
    """Stands in for a network request: a Deferred that fires later."""
    log(f"fetch {name}: request sent")
    sent = lanes.now_ms()

    def reply():
        lanes.span(f"fetch {name}", "waiting", sent)  # the request was out
        if fails:
            raise ConnectionError(f"{name}: 503 Unavailable")
        log(f"fetch {name}: reply received")
        return DATA[name]

    return task.deferLater(reactor, seconds, reply)
