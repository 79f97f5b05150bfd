"""The long-poll chat on plain asyncio, no framework: start_server runs one
coroutine per connection, and a waiting request awaits an Event. The HTTP/1.1
is hand-written and tiny: keep-alive and Content-Length bodies, nothing else."""
import asyncio

from chat_common import (HOST, JSON, MALFORMED, PAGE, PORT, WAIT_SECONDS, MessageLog, Refusal,
                         check_length, check_route, check_send, http_response, parse_since,
                         parse_text, report_failure, to_json)

log = MessageLog()
new_message = asyncio.Event()  # a fresh one after every send


async def wait(since):
    try:
        async with asyncio.timeout(WAIT_SECONDS):
            while log.last == since:
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


class HungUp(Exception):
    """The client left, or spoke, while its request waited: the connection is closed."""


async def unless_hung_up(reader, waiting):
    """Awaits `waiting`, unless the connection reads first: a browser sends nothing while it
    waits, so that read is the end of the connection, and the wait is cancelled at once."""
    answer, read = asyncio.ensure_future(waiting), asyncio.ensure_future(reader.read(1))
    await asyncio.wait({answer, read}, return_when=asyncio.FIRST_COMPLETED)
    for task in (answer, read):
        task.cancel()
    await asyncio.wait({answer, read})  # both settled, before anything reads the connection again
    if answer.cancelled():
        raise HungUp
    return answer.result()


async def read_head(reader):
    """The request line and headers, or None when the client has hung up."""
    try:
        if not (request_line := await reader.readline()):
            return None
        parts = request_line.decode("latin-1").split()
        headers = {}
        while (line := await reader.readline()).strip():
            name, colon, value = line.decode("latin-1").partition(":")
            if not colon or len(headers) == 100:
                raise ValueError("a header without a colon, or a hundred and first")
            headers[name.strip().lower()] = value.strip()
    except ValueError:  # also a line longer than a StreamReader reads (64 KiB)
        raise Refusal(400, MALFORMED["error"], [("Connection", "close")])
    if len(parts) != 3 or parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        raise Refusal(400, MALFORMED["error"], [("Connection", "close")])
    return (*parts, headers)


async def answer(method, target, headers, reader):
    path, _, query = target.partition("?")
    length = headers.get("content-length")
    check_length(length)
    if "transfer-encoding" in headers:  # a body in chunks, which this tiny server does not read
        error = "a send needs a Content-Length" if path == "/send" else "this server reads only bodies with a Content-Length"
        raise Refusal(411, error, [("Connection", "close")])
    body = await reader.readexactly(int(length or 0))  # at most MAX_BODY bytes
    check_route(method, path)
    if path == "/":
        return 200, "text/html; charset=utf-8", PAGE
    if path == "/wait":
        since = parse_since(query)
        answered_at_once = method == "HEAD" or log.last != since
        reply = log.reply(since) if answered_at_once else await unless_hung_up(reader, wait(since))
        return 200, JSON, to_json(reply)
    check_send(headers.get("content-type", ""), length)
    return 200, JSON, to_json(send(parse_text(body)))


async def serve(reader, writer):
    try:
        while head := await read_head(reader):
            method, target, version, headers = head
            extra = []
            try:
                status, content_type, payload = await answer(method, target, headers, reader)
            except Refusal as refusal:
                status, content_type, payload = refusal.status, JSON, refusal.body
                extra = refusal.headers
            writer.write(http_response(status, content_type, payload, extra, with_body=method != "HEAD"))
            await writer.drain()  # where a client that left is noticed
            if version != "HTTP/1.1" or "close" in (headers.get("connection", "").lower(), dict(extra).get("Connection")):
                break
    except Refusal as refusal:  # a request this tiny parser cannot read: answered, then closed
        writer.write(http_response(refusal.status, JSON, refusal.body, refusal.headers))
    except (ConnectionError, HungUp, asyncio.IncompleteReadError):
        pass  # the client hung up
    except Exception:
        status, error = report_failure()
        writer.write(http_response(status, JSON, to_json(error), [("Connection", "close")]))
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, HOST, PORT, backlog=1024)
    print("listening on port", server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())
