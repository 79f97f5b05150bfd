"""gevent's monitor thread reports a greenlet that holds the loop too long.
Run with GEVENT_MONITOR_THREAD_ENABLE=1; the limit is GEVENT_MAX_BLOCKING_TIME
(0.1 s by default)."""
import time

import gevent
from gevent import events

reported = set()


def on_event(event):  # called in the monitor thread; the report goes to stderr
    if isinstance(event, events.EventLoopBlocked):
        if event.greenlet not in reported:
            reported.add(event.greenlet)
            print(f"EventLoopBlocked: {event.greenlet} held the loop"
                  f" over {event.blocking_time} s")


def slow_handler():
    time.sleep(0.5)  # unpatched sleep: the whole loop stops here


events.subscribers.append(on_event)
print("monitor thread enabled:", gevent.config.monitor_thread)
gevent.spawn(slow_handler).join()
gevent.sleep(0.2)  # give the monitor thread a moment to notice
