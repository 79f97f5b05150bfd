import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatServers, type ChatServer } from './chat-servers.ts';

interface WaitReply {
  messages: { id: number; text: string }[];
  last: number;
}

/**
 * How long a wait lasts on the server under test. Long, so that a waiter answered well within it
 * was answered by the send, not by its timeout, with seconds to spare on a busy machine. The
 * timeout itself is checked on a server of its own, with a 1 s wait.
 */
const WAIT_S = 20;

function client(server: ChatServer) {
  const base = `http://127.0.0.1:${server.port}`;
  const send = (body: string) => fetch(`${base}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const say = async (text: string) => (await (await send(JSON.stringify({ text }))).json()) as { id: number };
  const wait = async (query: string) => {
    const response = await fetch(`${base}/wait${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return (await response.json()) as WaitReply;
  };
  return { base, send, say, wait };
}

/** Answers `waiters` after `sentAt`, well before their timeout could have: the send woke them. */
async function wokenBySend<T>(waiters: Promise<T>, sentAt: number): Promise<T> {
  const replies = await waiters;
  expect(performance.now() - sentAt).toBeLessThan((WAIT_S * 1000) / 2);
  return replies;
}

/**
 * One suite for the long-poll chat protocol, run against every implementation: gevent, eventlet
 * and Twisted on Debian's Python, plain asyncio, and Node.js. Where a test needs requests to be
 * waiting before it sends, it waits for the server to say they are parked (chat-servers.ts).
 */
describe.each(chatServers)('the chat protocol on $name', ({ start }) => {
  let server: ChatServer;
  let chat: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await start({ env: { CHAT_WAIT_TIMEOUT: String(WAIT_S) } });
    chat = client(server);
    // A first message, so that asking for everything since 0 never waits.
    expect(await chat.say('first')).toEqual({ id: 1 });
  });
  afterAll(() => server.stop());

  const lastId = async () => (await chat.wait('?since=0')).last;

  it('serves the chat page at /', async () => {
    const response = await fetch(`${chat.base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<form id="send">');
    expect(page).toContain('/wait?since=');
  });

  it('delivers a sent message to a waiter that was already waiting', async () => {
    const since = await lastId();
    const parked = server.parked(1);
    const waiting = chat.wait(`?since=${since}`);
    await parked;
    const sentAt = performance.now();
    const { id } = await chat.say('hello, waiter');
    expect(id).toBe(since + 1);
    expect(await wokenBySend(waiting, sentAt)).toEqual({ messages: [{ id, text: 'hello, waiter' }], last: id });
  });

  it('answers at once with every message after the since cursor; no since means 0', async () => {
    const since = await lastId();
    const ids = [await chat.say('one'), await chat.say('two'), await chat.say('three')].map((reply) => reply.id);
    expect(await chat.wait(`?since=${ids[0]}`)).toEqual({
      messages: [
        { id: ids[1], text: 'two' },
        { id: ids[2], text: 'three' },
      ],
      last: ids[2],
    });
    const all = await chat.wait('');
    expect(all.messages.map((message) => message.id)).toEqual(Array.from({ length: since + 3 }, (_, index) => index + 1));
  });

  it('wakes many waiters with one send', async () => {
    const since = await lastId();
    const parked = server.parked(60);
    const waiters = Array.from({ length: 60 }, () => chat.wait(`?since=${since}`));
    await parked; // all 60 waiting at once
    const sentAt = performance.now();
    const { id } = await chat.say('to everyone');
    const replies = await wokenBySend(Promise.all(waiters), sentAt);
    for (const reply of replies) expect(reply).toEqual({ messages: [{ id, text: 'to everyone' }], last: id });
  });

  it('answers an empty list when nothing new arrives before the timeout', async () => {
    const impatient = await start({ env: { CHAT_WAIT_TIMEOUT: '1' } });
    try {
      const started = performance.now();
      expect(await client(impatient).wait('?since=0')).toEqual({ messages: [], last: 0 });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThan(900);
      expect(elapsed).toBeLessThan(5000);
    } finally {
      impatient.stop();
    }
  });

  it.each([
    ['empty text', JSON.stringify({ text: '' })],
    ['text over 2000 characters', JSON.stringify({ text: 'x'.repeat(2001) })],
    ['bad JSON', '{"text": '],
    ['a number for text', JSON.stringify({ text: 5 })],
    ['no text at all', JSON.stringify({ message: 'hi' })],
  ])('rejects %s with 400 and broadcasts nothing', async (_case, body) => {
    const since = await lastId();
    const parked = server.parked(1);
    const waiting = chat.wait(`?since=${since}`);
    await parked;
    const response = await chat.send(body);
    expect(response.status).toBe(400);
    expect(typeof ((await response.json()) as { error: unknown }).error).toBe('string');
    // The waiter sees the next good message as the very next one: the refused one was neither
    // stored nor sent, and did not answer the waiter early (with nothing).
    const sentAt = performance.now();
    const { id } = await chat.say('after the refusal');
    expect(id).toBe(since + 1);
    expect(await wokenBySend(waiting, sentAt)).toEqual({ messages: [{ id, text: 'after the refusal' }], last: id });
  });

  it('accepts text of exactly 2000 characters', async () => {
    const response = await chat.send(JSON.stringify({ text: 'y'.repeat(2000) }));
    expect(response.status).toBe(200);
  });

  it('keeps working after a client hangs up while waiting', async () => {
    const since = await lastId();
    const leaverParked = server.parked(1);
    const socket = connect(server.port, '127.0.0.1', () => socket.write(`GET /wait?since=${since} HTTP/1.1\r\nHost: chat\r\n\r\n`));
    await Promise.race([leaverParked, new Promise((_, reject) => socket.on('error', reject))]);
    socket.destroy();
    // Some servers notice the hang-up at once, others only when they write to it: the send below
    // then answers the one that left as well as the one still waiting.
    const parked = server.parked(1);
    const waiting = chat.wait(`?since=${since}`);
    await parked;
    const sentAt = performance.now();
    const { id } = await chat.say('still here');
    expect(await wokenBySend(waiting, sentAt)).toEqual({ messages: [{ id, text: 'still here' }], last: id });
    expect(await (await fetch(`${chat.base}/`)).text()).toContain('<form id="send">');
  });
});
