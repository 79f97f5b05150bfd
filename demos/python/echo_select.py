"""Echo server with one thread and select(): an event loop written by hand."""
import os
import select
import socket

server = socket.create_server(("127.0.0.1", int(os.environ.get("PORT", 9000))))
server.setblocking(False)
print("listening on port", server.getsockname()[1], flush=True)
clients = []


def receive(sock):
    try:
        return sock.recv(4096)
    except ConnectionResetError:  # the client reset the connection instead of closing it
        return b""


while True:
    # One question about every socket at once; sleeps only while none is ready.
    readable, _, _ = select.select([server, *clients], [], [])
    for sock in readable:
        if sock is server:  # a new connection is waiting
            conn, _ = server.accept()
            conn.setblocking(False)
            clients.append(conn)
        elif data := receive(sock):  # bytes arrived: echo them
            sock.send(data)  # a real server would wait until it is writable
        else:  # an empty read, or a reset: the client has gone
            clients.remove(sock)
            sock.close()
