"""A scripted session for gevent_streaming_zip.py: `npm run demos:record` runs
it against the server. It downloads the archive, saying how much has arrived
as it comes, then opens it. It exits non-zero if the archive is not whole."""
import io
import os
import sys
import time
import urllib.request
import zipfile

url = f"http://127.0.0.1:{os.environ.get('PORT', 8000)}/"
print(f"GET {url}", flush=True)
started = time.monotonic()
received = bytearray()
with urllib.request.urlopen(url) as response:
    first = None
    while chunk := response.read1(64 * 1024):
        first = first or time.monotonic() - started
        received += chunk
print(f"first bytes after {first:.2f} s; {len(received)} bytes in all after {time.monotonic() - started:.2f} s", flush=True)
try:
    names = zipfile.ZipFile(io.BytesIO(received)).namelist()
except zipfile.BadZipFile as error:
    print(f"not a whole zip: {error}", file=sys.stderr, flush=True)
    sys.exit(1)
print("the archive holds", ", ".join(names), flush=True)
