"""A hub in a few lines. Greenlets call sleep() and recv(), which look
blocking: each parks its caller and switches to the hub, which runs
the event loop and switches back when the timer or socket is ready."""
import heapq
import itertools
import selectors
import socket
import time

from greenlet import getcurrent, greenlet

import lanes  # the workbench's timeline; prints nothing in a terminal

START = time.monotonic()
timers = []  # (when, tie-breaker, greenlet to resume), soonest first
tie = itertools.count()
selector = selectors.DefaultSelector()


def log(message):
    ms = (time.monotonic() - START) * 1000
    print(f"{ms:4.0f} ms  {message}", flush=True)


def run_hub():  # the event loop, in a greenlet of its own
    while timers or selector.get_map():
        due = timers[0][0] if timers else None  # None: no timers left
        wait = None if due is None else max(0, due - time.monotonic())
        for key, _ in selector.select(wait):
            key.data.switch()  # a socket is readable: resume its reader
        while timers and timers[0][0] <= time.monotonic():
            heapq.heappop(timers)[2].switch()  # a timer is due


hub = greenlet(run_hub)


def spawn(function, *args):
    # Its parent is the hub: when the function returns, the hub resumes.
    g = greenlet(lambda: function(*args), parent=hub)
    heapq.heappush(timers, (time.monotonic(), next(tie), g))


def sleep(seconds):
    when = time.monotonic() + seconds
    heapq.heappush(timers, (when, next(tie), getcurrent()))
    hub.switch()  # park here until the hub switches back


def recv(sock):
    selector.register(sock, selectors.EVENT_READ, getcurrent())
    hub.switch()  # park here until the socket is readable
    selector.unregister(sock)
    return sock.recv(1024).decode()


def client(name, pause, steps):
    for step in range(1, steps + 1):
        log(f"{name}: step {step}")
        with lanes.asleep(f"client {name}", pause):
            sleep(pause)
    log(f"{name}: done")


def reader(sock):
    log("reader: waiting for a message")
    with lanes.during("reader", "waiting"):
        message = recv(sock)
    log(f"reader: got {message!r}")
    sock.close()


def writer(sock):
    with lanes.asleep("writer", 0.25):
        sleep(0.25)
    log("writer: sending")
    sock.send(b"hello from the writer")
    sock.close()


left, right = socket.socketpair()
spawn(client, "A", 0.1, 3)
spawn(client, "B", 0.14, 2)
spawn(reader, left)
spawn(writer, right)
with lanes.during("main", "waiting"):
    hub.switch()  # main hands over; run_hub returns when nothing is left
log("main: the hub has nothing left to wait for")
