"""A scripted session for the echo servers: `npm run demos:record` runs it
against echo_threads.py and echo_select.py. Three clients connect at once and
take turns: each line sent comes back, while the other clients stay connected.
It exits non-zero if a line does not come back, so a broken run is never recorded."""
import os
import socket
import sys
import time

PORT = int(os.environ.get("PORT", 9000))

clients = [socket.create_connection(("127.0.0.1", PORT)) for _ in range(3)]
print("3 clients connected", flush=True)
for turn in range(2):
    for number, sock in enumerate(clients, 1):
        line = f"hello from client {number}, turn {turn + 1}\n"
        sock.sendall(line.encode())
        echoed = sock.recv(1024).decode()
        if echoed != line:
            print(f"expected {line!r} back, got {echoed!r}", file=sys.stderr, flush=True)
            sys.exit(1)
        print(f"client {number}: sent and got back {line.strip()!r}", flush=True)
        time.sleep(0.2)
for sock in clients:
    sock.close()
print("all clients done", flush=True)
