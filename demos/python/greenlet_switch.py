"""Two greenlets play ping-pong. Nothing runs until someone calls
switch(), and each switch says exactly where control goes."""
from greenlet import greenlet


def ping():
    for n in range(1, 4):
        print(f"ping sends {n}")
        reply = pong_greenlet.switch(n)  # run pong; wait for a reply
        print(f"ping got {reply}")
    return "ping is done"  # finished: back to the parent, main


def pong(n):
    while True:
        print(f"  pong got {n}")
        n = ping_greenlet.switch(n * 10)  # pause here; resume later


ping_greenlet = greenlet(ping)
pong_greenlet = greenlet(pong)
print(f"main: {ping_greenlet.switch()}")
print(f"main: pong is paused, not finished: dead={pong_greenlet.dead}")
