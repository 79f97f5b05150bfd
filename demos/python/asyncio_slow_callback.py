"""asyncio's debug mode logs any task step that holds the loop past 100 ms."""
import asyncio
import logging
import time

logging.basicConfig(level=logging.WARNING)


async def slow_handler():
    time.sleep(0.2)  # a blocking call in a coroutine: the loop stops here


async def main():
    loop = asyncio.get_running_loop()
    print(f"slow_callback_duration = {loop.slow_callback_duration} s")
    await asyncio.create_task(slow_handler())


asyncio.run(main(), debug=True)  # or PYTHONASYNCIODEBUG=1, or python -X dev
