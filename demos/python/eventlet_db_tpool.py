"""DB-API calls through Eventlet's thread pool, as eventlet.green.MySQLdb does.

sqlite3 ships with Python, so it stands in for MySQLdb. Its slow() SQL function
makes a query take 0.5 s while the C library holds the call. Nothing is monkey
patched, so the time.sleep inside it blocks whichever thread runs the query."""
import sqlite3
import time

import eventlet
from eventlet import tpool


def slow(seconds):
    time.sleep(seconds)
    return seconds


def connect():  # as eventlet.green.MySQLdb.Connection does for MySQLdb
    conn = tpool.execute(sqlite3.connect, ":memory:", check_same_thread=False)
    conn.create_function("slow", 1, slow)
    return tpool.Proxy(conn, autowrap_names=("cursor",))  # cursors too


def heartbeat(beats):
    while True:
        beats.append(time.monotonic())
        eventlet.sleep(0.05)


beats = []
eventlet.spawn(heartbeat, beats)
cursor = connect().cursor()
start = time.monotonic()
cursor.execute("SELECT slow(0.5), sqlite_version()")  # runs in a tpool thread
result = cursor.fetchone()
took = time.monotonic() - start
print("cursor is a", type(cursor).__module__ + "." + type(cursor).__name__)
print(f"query returned {result[0]} from SQLite {result[1]} after {took:.2f} s")
print("heartbeats meanwhile:", sum(start < beat < start + took for beat in beats))
