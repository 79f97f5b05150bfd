"""Echo server with one thread per connection: the design the rest of the book replaces."""
import os
import socket
import threading


def serve(conn):
    with conn:
        while data := conn.recv(4096):  # sleeps until bytes arrive
            conn.sendall(data)


server = socket.create_server(("127.0.0.1", int(os.environ.get("PORT", 9000))))
print("listening on port", server.getsockname()[1], flush=True)
while True:
    conn, _ = server.accept()  # sleeps until a client connects
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
