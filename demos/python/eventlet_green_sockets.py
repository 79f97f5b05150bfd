"""Eventlet: an echo server and 200 clients in one program, on one OS thread.

After monkey_patch(), the standard socket module is Eventlet's green one: a call
that would block parks the current greenthread and lets the hub run another."""
import eventlet

eventlet.monkey_patch()

import os
import socket
import time

CLIENTS = 200


def handle(conn):
    with conn:
        while data := conn.recv(1024):  # parks this greenthread until bytes arrive
            conn.sendall(data)


def serve(listener):
    while True:
        conn, _ = listener.accept()  # parks until a client connects
        eventlet.spawn(handle, conn)


def client(n):
    with socket.create_connection(listener.getsockname()) as sock:
        eventlet.sleep(0.5)  # all 200 connections are open at the same time
        sock.sendall(b"hello %d" % n)
        return sock.recv(1024) == b"hello %d" % n


listener = socket.create_server(("127.0.0.1", 0), backlog=CLIENTS)
eventlet.spawn(serve, listener)

start = time.monotonic()
pool = eventlet.GreenPool(CLIENTS)
echoed = sum(pool.imap(client, range(CLIENTS)))
took = time.monotonic() - start

print("socket module patched:", eventlet.patcher.is_monkey_patched("socket"))
print(f"{echoed} of {CLIENTS} clients echoed, each waiting 0.5 s, "
      f"in {took:.2f} s total")
print("OS threads in this process:", len(os.listdir("/proc/self/task")))
