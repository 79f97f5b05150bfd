"""A scripted chat session, as demos/comet-chat/session.js is for the Node
server: `npm run demos:record` runs it against each Python chat server. Two
browsers park a long poll each, a third sends one message and both wake at
once; bad sends get 400; a poll with nothing new gives up. It exits non-zero
if the server breaks the protocol, so a broken run is never recorded."""
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

BASE = f"http://127.0.0.1:{os.environ.get('PORT', 8000)}"


def check(ok, what):
    if not ok:
        print(f"the server broke the protocol: {what}", file=sys.stderr, flush=True)
        sys.exit(1)


def poll(who, since, replies):
    print(f"{who}: GET /wait?since={since}", flush=True)
    started = time.monotonic()
    with urllib.request.urlopen(f"{BASE}/wait?since={since}") as response:
        reply = json.load(response)
    print(f"{who}: got {json.dumps(reply['messages'])} after {time.monotonic() - started:.1f} s", flush=True)
    replies[who] = reply


def send(who, body):
    print(f"{who}: POST /send {body}", flush=True)
    request = urllib.request.Request(f"{BASE}/send", data=body.encode(), headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    print(f"{who}: {status} {text}", flush=True)
    return status


replies = {}
waiters = [threading.Thread(target=poll, args=(who, 0, replies)) for who in ("browser A", "browser B")]
waiters[0].start()
time.sleep(0.4)
waiters[1].start()
time.sleep(1.5)  # both parked
status = send("browser C", json.dumps({"text": "hello, both of you"}))
for waiter in waiters:
    waiter.join()
check(status == 200 and all(reply["last"] == 1 for reply in replies.values()), "one send must wake both waiters with message 1")

time.sleep(0.8)
check(send("browser C", json.dumps({"text": ""})) == 400, "empty text must get 400")
time.sleep(0.8)
check(send("browser C", "hello?") == 400, "a body that is not JSON must get 400")

time.sleep(0.8)
poll("browser A", 1, replies)
check(replies["browser A"]["messages"] == [] and replies["browser A"]["last"] == 1, "a wait with nothing new must give up with an empty list")
print("browser A: nothing new, so it polls again (the session ends here)", flush=True)
