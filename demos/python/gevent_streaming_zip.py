"""A pywsgi server that streams a zip archive while it builds it."""
import os
import zipfile

import gevent
from gevent.pywsgi import WSGIServer


class Pipe:
    """A write-only file for ZipFile: it keeps data only until take()."""

    def __init__(self):
        self.chunks, self.sent, self.largest = [], 0, 0

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.chunks)
        self.chunks.clear()
        self.sent += len(data)
        self.largest = max(self.largest, len(data))
        return data


def read_part(n):
    """Stands in for streaming part n from object storage, 16 KB a time."""
    for block in range(8):
        gevent.sleep(0.02)  # waiting for the network
        yield b"".join(b"part %d, block %d, line %04d\n" % (n, block, i)
                       for i in range(600))


def archive(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/zip")])
    pipe = Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as zip_file:
        for n in range(5):
            with zip_file.open(f"part-{n}.txt", "w") as entry:
                for block in read_part(n):
                    entry.write(block)
                    if chunk := pipe.take():  # what the compressor gave
                        yield chunk  # pywsgi sends it now, as an HTTP chunk
            print(f"part {n} produced", flush=True)
    yield pipe.take()  # the last entry's end and the central directory
    print(f"sent {pipe.sent} bytes; largest chunk held {pipe.largest}",
          flush=True)


port = int(os.environ.get("PORT", 8000))
server = WSGIServer(("127.0.0.1", port), archive, log=None)
server.start()
print("listening on port", server.server_port, flush=True)
server.serve_forever()
