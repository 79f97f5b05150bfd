"""Greenlets switch only when one waits; gevent.sleep(0) is a wait of zero."""
import gevent

order = []


def crunch(name, steps, polite):
    for _ in range(steps):
        sum(range(20_000))  # some computing, no I/O
        order.append(name)
        if polite:
            gevent.sleep(0)  # yield: run whoever else is ready, then come back


for polite in (False, True):
    order.clear()
    gevent.joinall([gevent.spawn(crunch, name, 4, polite) for name in "ABC"])
    print(f"{'with' if polite else 'without'} sleep(0):", " ".join(order))

gevent.spawn(order.append, "idle work")
gevent.idle()  # returns once the loop has nothing else ready to run
print("after gevent.idle():", order[-1])
