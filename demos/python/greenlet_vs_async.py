"""Where can a coroutine pause? A greenlet anywhere down its call stack
(stackful); an async def only where every caller wrote await
(stackless)."""
import asyncio

from greenlet import getcurrent, greenlet


# Stackful: plain functions. read_line() parks the whole greenlet.
def read_line():
    return main.switch()  # park; whoever switches back hands us a line


def parse_request():
    return read_line().split()[1]


def handle():
    return f"serving {parse_request()}"


# Stackless: every function between the pause and the loop is async,
# and every call to one is awaited.
async def read_line_async(lines):
    return await lines.get()


async def parse_request_async(lines):
    return (await read_line_async(lines)).split()[1]


async def handle_async(lines):
    return f"serving {await parse_request_async(lines)}"


def paused_frames(frame):  # a greenlet keeps ordinary frames
    names = []
    while frame:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return " < ".join(names)


def paused_coroutines(coro):  # one coroutine object per await
    names = []
    while hasattr(coro, "cr_await"):
        names.append(coro.__qualname__)
        coro = coro.cr_await
    return " < ".join(reversed(names))


main = getcurrent()
request = greenlet(handle)
request.switch()  # runs handle() until read_line() parks it
print("greenlet paused in:", paused_frames(request.gr_frame))
print("greenlet result:", request.switch("GET /index.html HTTP/1.1"))


async def run_async():
    lines = asyncio.Queue()
    task = asyncio.create_task(handle_async(lines))
    await asyncio.sleep(0)  # let it run until it waits
    print("coroutine paused in:", paused_coroutines(task.get_coro()))
    lines.put_nowait("GET /index.html HTTP/1.1")
    print("coroutine result:", await task)
    forgotten = read_line_async(lines)  # no await: nothing runs
    print("without await you get a", type(forgotten).__name__)
    forgotten.close()


asyncio.run(run_async())
