"""One greenlet per fetch, then wait for them all. Nobody calls run()."""
from gevent import monkey

monkey.patch_all()

import time
import urllib.request

import gevent
from gevent.pywsgi import WSGIServer


def slow_upstream(environ, start_response):
    delay = float(environ["PATH_INFO"].strip("/"))
    gevent.sleep(delay)  # stands in for a slow backend
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"waited %.1f s" % delay]


server = WSGIServer(("127.0.0.1", 0), slow_upstream, log=None)
server.start()  # registers the listening socket with the Hub's loop


def fetch(delay):
    url = f"http://127.0.0.1:{server.server_port}/{delay}"
    with urllib.request.urlopen(url) as response:  # plain urllib
        return response.read().decode()


hub = gevent.get_hub()
print(f"hub: {type(hub.loop).__module__}, backend {hub.loop.backend}")

start = time.perf_counter()
jobs = [gevent.spawn(fetch, delay) for delay in (0.5, 0.2, 0.4, 0.1, 0.3)]
gevent.joinall(jobs, raise_error=True)  # the Hub runs until all are done
for job in jobs:
    print(job.value)
took = time.perf_counter() - start
print(f"5 fetches, 1.5 s of waiting in all, took {took:.2f} s")
