"""The long-poll chat on plain asyncio, no framework: start_server runs one
coroutine per connection, and a waiting request awaits an Event. The HTTP/1.1
is hand-written and tiny: keep-alive and Content-Length bodies, nothing else."""
import asyncio

from chat_common import (PAGE, PORT, WAIT_SECONDS, BadRequest, MessageLog,
                         parse_since, parse_text, to_json)

log = MessageLog()
new_message = asyncio.Event()  # a fresh one after every send


async def wait(since):
    try:
        async with asyncio.timeout(WAIT_SECONDS):
            while log.last <= since:
                await new_message.wait()  # only this coroutine waits
    except TimeoutError:
        pass
    return log.reply(since)


def send(text):
    global new_message
    message_id = log.append(text)
    woken, new_message = new_message, asyncio.Event()
    woken.set()  # wakes exactly the requests waiting now
    return {"id": message_id}


JSON = "application/json"


async def route(method, target, body):
    path, _, query = target.partition("?")
    try:
        if method == "GET" and path == "/":
            return "200 OK", "text/html; charset=utf-8", PAGE
        if method == "GET" and path == "/wait":
            reply = await wait(parse_since(query))
        elif method == "POST" and path == "/send":
            reply = send(parse_text(body))
        else:
            return "404 Not Found", JSON, to_json({"error": "not found"})
    except BadRequest as error:
        return "400 Bad Request", JSON, to_json({"error": str(error)})
    return "200 OK", JSON, to_json(reply)


async def serve(reader, writer):
    try:
        while request_line := await reader.readline():  # b"": client hung up
            method, target, version = request_line.decode("latin-1").split()
            headers = {}
            while (line := await reader.readline()).strip():
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip().lower()
            length = int(headers.get("content-length", 0))
            body = await reader.readexactly(length)
            status, content_type, payload = await route(method, target, body)
            head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
                    f"Content-Length: {len(payload)}\r\n\r\n")
            writer.write(head.encode() + payload)
            await writer.drain()  # where a client that left is noticed
            if version != "HTTP/1.1" or headers.get("connection") == "close":
                break
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass  # the client hung up, or sent what this tiny parser can't read
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", PORT, backlog=1024)
    print("listening on port", server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())
