"""gevent's monitor thread reports a greenlet that keeps the hub waiting."""
import time

import gevent
from gevent import events

# The same as GEVENT_MONITOR_THREAD_ENABLE=1 and GEVENT_MAX_BLOCKING_TIME=0.05
# in the environment. Either way, before the hub starts. The default is 0.1 s.
gevent.config.monitor_thread = True
gevent.config.max_blocking_time = 0.05


def on_event(event):  # called in the monitor thread
    if isinstance(event, events.EventLoopBlocked):
        print(f"EventLoopBlocked: {event.greenlet}"
              f" held the hub for over {event.blocking_time} s")


events.subscribers.append(on_event)


def slow_handler():
    time.sleep(0.3)  # the standard library's sleep: the hub cannot run


gevent.spawn(slow_handler).join()
print("done")
