"""The speaker's "waitany": wait for the first of several greenlets
(gevent.wait with count=1), or take each as it finishes (gevent.iwait)."""
import time

import gevent

import lanes  # the workbench's timeline; prints nothing in a terminal


def download(name, seconds):
    with lanes.asleep(name, seconds):
        gevent.sleep(seconds)  # stands in for a slow upstream
    return name


def start_all():
    times = (("part-a", 0.3), ("part-b", 0.1), ("part-c", 0.2))
    return [gevent.spawn(download, name, seconds) for name, seconds in times]


start = time.perf_counter()
jobs = start_all()
first, = gevent.wait(jobs, count=1)  # returns as soon as one is ready
took = time.perf_counter() - start
still = ", ".join(job.args[0] for job in jobs if not job.ready())
print(f"first finished: {first.value} after {took:.2f} s; still running: {still}")
gevent.killall(jobs)

jobs = start_all()
print("in finishing order:", [job.value for job in gevent.iwait(jobs)])

# The waiter's lane: the main greenlet waited in wait(), then in iwait() for the rest.
lanes.span("waiter", "waiting", lanes.ms(start), lanes.ms(start + took))
lanes.span("waiter", "waiting")
