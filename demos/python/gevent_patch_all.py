"""Plain blocking code (socket, time.sleep, threading) made cooperative."""
from gevent import monkey

monkey.patch_all()  # first, before anything imports socket, time or threading

import os
import socket
import threading
import time


def echo(conn):
    with conn:
        while data := conn.recv(1024):
            conn.sendall(data)


def serve(listener):
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=echo, args=(conn,)).start()


def client(port, n, replies):
    with socket.socket() as sock:
        sock.connect(("127.0.0.1", port))
        time.sleep(0.5)  # an ordinary sleep: now it pauses only this greenlet
        sock.sendall(b"hello %d" % n)
        replies.append(sock.recv(1024))


listener = socket.create_server(("127.0.0.1", 0))
port = listener.getsockname()[1]
threading.Thread(target=serve, args=(listener,), daemon=True).start()

replies = []
start = time.perf_counter()
clients = [threading.Thread(target=client, args=(port, n, replies))
           for n in range(100)]
for thread in clients:
    thread.start()
for thread in clients:
    thread.join()
took = time.perf_counter() - start

modules = ("socket", "time", "threading", "select", "ssl", "os")
print("patched:", ", ".join(m for m in modules if monkey.is_module_patched(m)))
print(f"{len(replies)} clients slept 0.5 s each; all done in {took:.2f} s")
print("OS threads in this process:", len(os.listdir("/proc/self/task")))
