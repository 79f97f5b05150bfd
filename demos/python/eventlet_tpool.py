"""Eventlet's tpool: hand a blocking call to a real thread; the hub keeps running.

time.sleep() stands in for a call that no monkey patch can make cooperative, such
as a C database driver. There is no monkey_patch() here, so it really blocks."""
import os
import time

import eventlet
from eventlet import tpool

import lanes  # the workbench's timeline; prints nothing in a terminal


@lanes.during("blocking call", "running")
def blocking_call():
    time.sleep(0.5)


def heartbeat(beats):
    while True:
        beats.append(time.monotonic())
        with lanes.asleep("heartbeat", 0.05):
            eventlet.sleep(0.05)  # a cooperative wait: the hub runs others meanwhile


def measure(label, run):
    beats = []
    beater = eventlet.spawn(heartbeat, beats)
    eventlet.sleep(0)  # let the heartbeat start
    start = time.monotonic()
    run(blocking_call)
    took = time.monotonic() - start
    beater.kill()
    during = sum(start < beat < start + took for beat in beats)
    print(f"{label}: the call took {took:.2f} s; heartbeats meanwhile: {during}")


measure("called directly", lambda call: call())
measure("tpool.execute  ", tpool.execute)
threads = len(os.listdir("/proc/self/task"))
print("OS threads now:", threads, "(main + tpool's workers)")
