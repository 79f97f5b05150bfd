"""A blocking call sent to a thread with asyncio.to_thread while a heartbeat
keeps ticking. With --blocking, the same call runs on the loop's own thread,
and the heartbeat stops."""
import asyncio
import sys
import time


def blocking_query():
    time.sleep(0.3)  # a driver that knows nothing of asyncio
    return "42 rows"


async def heartbeat(gaps):
    last = time.monotonic()
    while True:
        await asyncio.sleep(0.02)
        now = time.monotonic()
        gaps.append(now - last)
        last = now


async def main(blocking):
    gaps = []
    beating = asyncio.create_task(heartbeat(gaps))
    await asyncio.sleep(0.05)
    if blocking:
        rows = blocking_query()  # the loop's thread sleeps: all wait
    else:
        rows = await asyncio.to_thread(blocking_query)  # loop runs on
    await asyncio.sleep(0.05)
    beating.cancel()
    print(f"query: {rows}")
    print(f"heartbeats: {len(gaps)}, longest gap: {max(gaps) * 1000:.0f} ms")


asyncio.run(main(blocking="--blocking" in sys.argv))
