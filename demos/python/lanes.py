"""Timeline lanes for the workbench: what each task was doing, and when.

A program calls these where a task starts or stops waiting, and each span of time becomes one
line, which the workbench draws as a bar in that task's lane:

    #trace {"lane": "client 1", "from": 3.1, "to": 9.1, "state": "waiting"}

A state is "running" (executing), "waiting" (parked on I/O or a timer) or "blocked" (ready to
run, but something else held the loop). Times are milliseconds since this module was imported,
which is the program's start, near enough. span() prints one span; during() and asleep() print
the span of a with-block. Nothing is printed unless the DEMO_TRACE environment variable is set,
as the workbench sets it: run in a terminal, a program prints what it always printed.
"""
import json
import os
import time
from contextlib import contextmanager

ON = bool(os.environ.get("DEMO_TRACE"))
LATE_MS = 2  # timers are precise to a millisecond or so: later, something held the loop
START = time.perf_counter()
ends = {}  # lane -> where its last span ended


def now_ms():
    return ms(time.perf_counter())


def ms(perf_counter_time):
    """A time.perf_counter() reading, in milliseconds on the timeline."""
    return (perf_counter_time - START) * 1000


def span(lane, state, start_ms=None, end_ms=None):
    """One span of `lane` in `state`: from start_ms (by default, where the lane's last span
    ended, or the start) to end_ms (by default, now)."""
    if not ON:
        return
    start_ms = ends.get(lane, 0) if start_ms is None else start_ms
    end_ms = max(start_ms, now_ms() if end_ms is None else end_ms)
    ends[lane] = end_ms
    event = json.dumps({"lane": lane, "from": round(start_ms, 2), "to": round(end_ms, 2),
                        "state": state})
    # The line in one write, so that lines printed by two threads never interleave.
    print(f"#trace {event}\n", end="", flush=True)


@contextmanager
def during(lane, state):
    """`lane` is in `state` while the with-block (or the decorated function) runs."""
    start = now_ms()
    try:
        yield
    finally:
        span(lane, state, start)


@contextmanager
def asleep(lane, seconds):
    """Around a sleep of `seconds`: `lane` is waiting until the sleep is due, and blocked for
    however much later it gets to run (or is killed)."""
    start = now_ms()
    due = start + seconds * 1000
    try:
        yield
    finally:
        woke = now_ms()
        if woke - due < LATE_MS:
            span(lane, "waiting", start, woke)
        else:
            span(lane, "waiting", start, due)
            span(lane, "blocked", due, woke)
