"""Eventlet's blocking detector: an alarm goes off in code holding the hub."""
import time

import eventlet
import eventlet.debug

# Each time the hub runs greenlets it arms a SIGALRM timer. If the hub is not
# back within 0.1 s, the alarm raises an exception in whatever is running.
# For debugging only.
eventlet.debug.hub_blocking_detection(True, resolution=0.1)


def slow_handler():
    time.sleep(0.5)  # not monkey-patched: the hub cannot run meanwhile
    return "slow_handler finished"


started = time.perf_counter()
try:
    print(eventlet.spawn(slow_handler).wait())
except RuntimeError as error:
    took = time.perf_counter() - started
    print(f"interrupted after {took:.2f} s: {str(error)[:40]}...")
finally:
    eventlet.debug.hub_blocking_detection(False)  # disarm before exiting
