"""Keeping the reactor free: a blocking call goes to a thread, a long
loop runs in slices. With --blocking both run on the reactor thread,
and the ticks stop."""
import sys
import threading
import time

from twisted.internet import defer, reactor, task, threads

from twisted_fetch import log

BLOCKING = "--blocking" in sys.argv


def lookup():  # a blocking call, such as a C database driver
    time.sleep(0.3)
    return f"row, fetched in {threading.current_thread().name}"


def checksum(count):  # a long computation, written as a generator
    total = 0
    for n in range(count):
        total += n
        if n % 20_000 == 0:
            yield  # a slice is done: cooperate() lets the reactor run
    log(f"checksum: {total}")


def start():
    if BLOCKING:
        rows = defer.succeed(lookup())
        sums = defer.succeed(list(checksum(3_000_000)))  # no breaks
    else:
        rows = threads.deferToThread(lookup)  # the reactor's pool
        sums = task.cooperate(checksum(3_000_000)).whenDone()
    rows.addCallback(lambda row: log(f"lookup: {row}"))
    both = defer.gatherResults([rows, sums])
    both.addBoth(lambda _: reactor.stop())


task.LoopingCall(log, "tick").start(0.05)  # a pulse every 50 ms
reactor.callLater(0.06, start)
reactor.run()
