"""A blocking call gevent cannot patch: run directly, then on a thread."""
import time

import gevent


def blocking_query():
    time.sleep(0.3)  # unpatched: stands in for a C database driver
    return "row"


def heartbeat(ticks):
    while True:
        ticks.append(time.perf_counter())
        gevent.sleep(0.05)


def run(label, call):
    ticks = []
    beat = gevent.spawn(heartbeat, ticks)
    gevent.sleep(0)  # let the heartbeat start
    start = time.perf_counter()
    gevent.joinall([gevent.spawn(call) for _ in range(4)])
    print(f"{label}: 4 queries in {time.perf_counter() - start:.2f} s, "
          f"heartbeat ticked {len(ticks) - 1} times meanwhile")
    beat.kill()


pool = gevent.get_hub().threadpool
print("hub thread pool size:", pool.maxsize)
run("called directly", blocking_query)
run("threadpool.apply", lambda: pool.apply(blocking_query))
