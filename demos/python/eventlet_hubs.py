"""Which Eventlet hub runs the loop, and how to pick another.

The default is the best one the platform has (epolls on Linux). EVENTLET_HUB=poll
in the environment picks another, and so does use_hub() before any I/O: here,
with --hub NAME."""
import sys
import time

import eventlet
from eventlet import hubs
from eventlet.green import socket  # cooperative sockets; the stdlib is untouched

if "--hub" in sys.argv:
    hubs.use_hub(sys.argv[sys.argv.index("--hub") + 1])  # before the hub starts


def ping_pong(sock, rounds):
    for _ in range(rounds):
        sock.sendall(b"x")
        sock.recv(1)


a, b = socket.socketpair()
start = time.monotonic()
players = [eventlet.spawn(ping_pong, a, 500), eventlet.spawn(ping_pong, b, 500)]
for player in players:
    player.wait()

hub = hubs.get_hub()
print("hub in use:", type(hub).__module__)
print(f"1000 messages over a socket pair in {time.monotonic() - start:.3f} s")
