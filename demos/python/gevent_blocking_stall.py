"""A greenlet that never gives up control stalls all the others; the cures.

Five client greenlets each wake up every 10 ms. A sixth has 200 ms of work
to do, done five ways. For each, print how late the clients woke at worst.
"""
import time

import gevent

import lanes  # the workbench's timeline; prints nothing in a terminal

CLIENTS = 5
TICK = 0.010   # each client wakes up every 10 ms
WORK = 0.200   # the job: 200 ms of CPU, or one 200 ms blocking call
SLICE = 0.001  # the cooperative versions yield after every 1 ms of work


@lanes.during("job", "running")
def burn(seconds):
    """Pure-Python computing: nothing in here switches to the hub."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def in_slices(give_way):
    for _ in range(round(WORK / SLICE)):
        burn(SLICE)
        give_way()


@lanes.during("job", "running")  # it holds the hub, as burn() does
def sleep_unpatched():
    time.sleep(WORK)


@lanes.during("job", "waiting")  # parked: the hub runs the clients meanwhile
def on_threadpool():
    gevent.get_hub().threadpool.apply(time.sleep, (WORK,))


JOBS = {
    "cpu loop, never yields": lambda: burn(WORK),
    "cpu loop + gevent.sleep(0)": lambda: in_slices(lambda: gevent.sleep(0)),
    "cpu loop + gevent.idle()": lambda: in_slices(gevent.idle),
    "time.sleep() (not patched)": sleep_unpatched,
    "time.sleep() on the threadpool": on_threadpool,
}


def client(n, delays):
    while True:
        due = time.perf_counter() + TICK
        with lanes.asleep(f"client {n}", TICK):
            gevent.sleep(TICK)
        delays.append(time.perf_counter() - due)


def worst_delay_ms(job):
    delays = []
    clients = [gevent.spawn(client, n, delays) for n in range(1, CLIENTS + 1)]
    gevent.sleep(0.03)  # the clients settle into their rhythm
    gevent.spawn(job).join()
    gevent.sleep(0.03)
    gevent.killall(clients)
    return max(delays) * 1000


for name, job in JOBS.items():
    print(f"{name:32} worst client delay {worst_delay_ms(job):6.1f} ms")
