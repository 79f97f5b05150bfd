"""A greenlet that never gives up control stalls all the others; the cures.

Five client greenlets each wake up every 10 ms. A sixth has 200 ms of work
to do, done five ways. For each, print how late the clients woke at worst.
"""
import time

import gevent

CLIENTS = 5
TICK = 0.010   # each client wakes up every 10 ms
WORK = 0.200   # the job: 200 ms of CPU, or one 200 ms blocking call
SLICE = 0.001  # the cooperative versions yield after every 1 ms of work


def burn(seconds):
    """Pure-Python computing: nothing in here switches to the hub."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def in_slices(give_way):
    for _ in range(round(WORK / SLICE)):
        burn(SLICE)
        give_way()


def on_threadpool():
    gevent.get_hub().threadpool.apply(time.sleep, (WORK,))


JOBS = {
    "cpu loop, never yields": lambda: burn(WORK),
    "cpu loop + gevent.sleep(0)": lambda: in_slices(lambda: gevent.sleep(0)),
    "cpu loop + gevent.idle()": lambda: in_slices(gevent.idle),
    "time.sleep() (not patched)": lambda: time.sleep(WORK),
    "time.sleep() on the threadpool": on_threadpool,
}


def client(delays):
    while True:
        due = time.perf_counter() + TICK
        gevent.sleep(TICK)
        delays.append(time.perf_counter() - due)


def worst_delay_ms(job):
    delays = []
    clients = [gevent.spawn(client, delays) for _ in range(CLIENTS)]
    gevent.sleep(0.03)  # the clients settle into their rhythm
    gevent.spawn(job).join()
    gevent.sleep(0.03)
    gevent.killall(clients)
    return max(delays) * 1000


for name, job in JOBS.items():
    print(f"{name:32} worst client delay {worst_delay_ms(job):6.1f} ms")
