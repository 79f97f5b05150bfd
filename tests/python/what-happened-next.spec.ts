import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { chatServers, type ChatServer } from '../protocol/chat-servers.ts';
import { runPythonScript, threadCount } from './python-programs.ts';

// Chapter 11's programs: asyncio's thread offload, Twisted running on asyncio's loop, and the
// long-poll chat on plain asyncio. The chat's protocol is checked by tests/protocol; here, what
// is particular to it: waiting requests cost no threads.

function heartbeat(stdout: string): { longestGapMs: number } {
  const match = /heartbeats: \d+, longest gap: (\d+) ms/.exec(stdout);
  if (!match) throw new Error(`no heartbeat line in:\n${stdout}`);
  return { longestGapMs: Number(match[1]) };
}

describe('demos/python/asyncio_to_thread.py', () => {
  // 20 ms beats for 0.05 s, the 0.3 s query, 0.05 s more. The query sleeps by the wall clock, so
  // on the loop it makes one gap of at least its length however busy the machine; sent to a
  // thread, every gap is shorter than the query, so beats went on while it ran.
  const QUERY_MS = 300;

  it('keeps the heartbeat ticking while asyncio.to_thread runs the blocking call', async () => {
    const { stdout } = await runPythonScript('asyncio_to_thread.py');
    expect(stdout).toContain('query: 42 rows');
    expect(heartbeat(stdout).longestGapMs).toBeLessThan(QUERY_MS - 20);
  });

  it('stops the heartbeat for the whole call when it runs on the loop (--blocking)', async () => {
    const { stdout } = await runPythonScript('asyncio_to_thread.py', { args: ['--blocking'] });
    expect(stdout).toContain('query: 42 rows');
    expect(heartbeat(stdout).longestGapMs).toBeGreaterThanOrEqual(QUERY_MS - 20);
  });
});

describe('demos/python/asyncio_twisted.py', () => {
  it('runs a Twisted timer and an asyncio coroutine side by side on one asyncio loop', async () => {
    const { stdout } = await runPythonScript('asyncio_twisted.py');
    expect(stdout).toContain("Twisted's reactor runs asyncio's loop: True");
    const match = /\['Twisted timer done', 'asyncio coroutine done'\] after ([\d.]+) s/.exec(stdout);
    expect(match, stdout).not.toBeNull();
    // Each side takes 0.2 s; one after the other would be 0.4 s.
    expect(Number(match![1])).toBeLessThanOrEqual(0.3);
  });
});

/** Sends one raw HTTP/1.1 request and resolves with the whole reply once Content-Length bytes of body have arrived. */
function request(port: number, text: string, opened: Socket[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let reply = Buffer.alloc(0);
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    opened.push(socket);
    socket.on('data', (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      const headEnd = reply.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(reply.subarray(0, headEnd).toString('latin1'));
      if (headEnd >= 0 && length && reply.length - headEnd - 4 >= Number(length[1])) resolve(reply.toString('utf8'));
    });
    socket.on('error', reject);
  });
}

describe('demos/python/asyncio_chat.py', () => {
  let server: ChatServer | undefined;
  const opened: Socket[] = [];
  afterEach(() => {
    opened.splice(0).forEach((socket) => socket.destroy());
    server?.stop();
  });

  it('holds 200 waiting requests without a thread more, and one send answers them all', async () => {
    const WAIT_S = 20;
    // Run as tests/protocol runs it, so that it says when its requests are parked.
    server = await chatServers.find(({ name }) => name === 'asyncio')!.start({ env: { CHAT_WAIT_TIMEOUT: String(WAIT_S) } });
    const { port } = server;
    await request(port, 'GET / HTTP/1.1\r\nHost: chat\r\n\r\n', opened);
    const before = await threadCount(server.process.pid!);

    const parked = server.parked(200);
    const waiting = Array.from({ length: 200 }, () => request(port, 'GET /wait?since=0 HTTP/1.1\r\nHost: chat\r\n\r\n', opened));
    await parked; // all 200 are waiting at once
    expect(await threadCount(server.process.pid!)).toBe(before);

    const body = '{"text": "hello, 200"}';
    const sentAt = performance.now();
    const sent = await request(port, `POST /send HTTP/1.1\r\nHost: chat\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`, opened);
    expect(sent).toMatch(/^HTTP\/1\.1 200 OK/);
    const replies = await Promise.all(waiting);
    // Answered well within their 20 s wait: by the send, not by their timeout.
    expect(performance.now() - sentAt).toBeLessThan((WAIT_S * 1000) / 2);
    for (const reply of replies) expect(reply).toContain('{"messages": [{"id": 1, "text": "hello, 200"}], "last": 1}');
  });
});
