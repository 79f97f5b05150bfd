import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../python/python-programs.ts';
import { chatServers } from './chat-servers.ts';

interface WaitReply {
  messages: { id: number; text: string }[];
  last: number;
}

/**
 * One suite for the long-poll chat protocol, run against every implementation: gevent, eventlet
 * and Twisted on Debian's Python, and Node.js. The wait timeout is 1 s here instead of 25 s.
 */
describe.each(chatServers)('the chat protocol on $name', ({ start }) => {
  let server: RunningServer;
  let base: string;
  beforeAll(async () => {
    server = await start({ CHAT_WAIT_TIMEOUT: '1' });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.stop());

  const send = (body: string) => fetch(`${base}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const say = async (text: string) => (await (await send(JSON.stringify({ text }))).json()) as { id: number };
  const wait = async (query: string) => {
    const response = await fetch(`${base}/wait${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return (await response.json()) as WaitReply;
  };
  const lastId = async () => (await wait('?since=0')).last;

  it('serves the chat page at /', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<form id="send">');
    expect(page).toContain('/wait?since=');
  });

  it('delivers a sent message to a waiter that was already waiting', async () => {
    const since = await lastId();
    const waiting = wait(`?since=${since}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const { id } = await say('hello, waiter');
    expect(id).toBe(since + 1);
    expect(await waiting).toEqual({ messages: [{ id, text: 'hello, waiter' }], last: id });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('answers at once with every message after the since cursor; no since means 0', async () => {
    const since = await lastId();
    const ids = [await say('one'), await say('two'), await say('three')].map((reply) => reply.id);
    expect(await wait(`?since=${ids[0]}`)).toEqual({
      messages: [
        { id: ids[1], text: 'two' },
        { id: ids[2], text: 'three' },
      ],
      last: ids[2],
    });
    const all = await wait('');
    expect(all.messages.map((message) => message.id)).toEqual(Array.from({ length: since + 3 }, (_, index) => index + 1));
  });

  it('wakes many waiters with one send', async () => {
    const since = await lastId();
    const waiters = Array.from({ length: 60 }, () => wait(`?since=${since}`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    const { id } = await say('to everyone');
    const replies = await Promise.all(waiters);
    // The waiters have waited 200 ms of their 1 s: woken by the send, not by their timeout.
    expect(performance.now() - started).toBeLessThan(400);
    for (const reply of replies) expect(reply).toEqual({ messages: [{ id, text: 'to everyone' }], last: id });
  });

  it('answers an empty list when nothing new arrives before the timeout', async () => {
    const since = await lastId();
    const started = performance.now();
    expect(await wait(`?since=${since}`)).toEqual({ messages: [], last: since });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(900);
    expect(elapsed).toBeLessThan(5000);
  });

  it.each([
    ['empty text', JSON.stringify({ text: '' })],
    ['text over 2000 characters', JSON.stringify({ text: 'x'.repeat(2001) })],
    ['bad JSON', '{"text": '],
    ['a number for text', JSON.stringify({ text: 5 })],
    ['no text at all', JSON.stringify({ message: 'hi' })],
  ])('rejects %s with 400 and broadcasts nothing', async (_case, body) => {
    const since = await lastId();
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(typeof ((await response.json()) as { error: unknown }).error).toBe('string');
    expect(await wait(`?since=${since}`)).toEqual({ messages: [], last: since });
  });

  it('accepts text of exactly 2000 characters', async () => {
    const response = await send(JSON.stringify({ text: 'y'.repeat(2000) }));
    expect(response.status).toBe(200);
  });

  it('keeps working after a client hangs up while waiting', async () => {
    const since = await lastId();
    await new Promise<void>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(`GET /wait?since=${since} HTTP/1.1\r\nHost: chat\r\n\r\n`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
      socket.on('error', reject);
    });
    const waiting = wait(`?since=${since}`);
    const { id } = await say('still here');
    expect(await waiting).toEqual({ messages: [{ id, text: 'still here' }], last: id });
  });
});
