import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatServers, type ChatServer } from './chat-servers.ts';
import { exchange, exchangeOrReset, exchangeUntilClose, httpRequest } from './raw-http.ts';

/**
 * The protocol's rules for bad and unusual input (README › The chat protocol), checked against
 * every server: the same request gets the same status and the same error in all five.
 */
const WAIT_S = 20;
const SINCE_ERROR = 'since must be a whole number of at most 15 digits';
const TOO_LARGE = 'a request body may be at most 16384 bytes';

interface Reply {
  messages: { id: number; text: string }[];
  last: number;
  reset?: true;
  missed?: number;
}

function client(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const send = (body: string | Uint8Array<ArrayBuffer>, contentType: string | null = 'application/json') =>
    fetch(`${base}/send`, {
      method: 'POST',
      headers: contentType === null ? {} : { 'content-type': contentType },
      body: typeof body === 'string' ? body : new Blob([body]),
    });
  const refusal = async (response: Response) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: response.status, error: ((await response.json()) as { error: unknown }).error };
  };
  const wait = async (query: string) => {
    const response = await fetch(`${base}/wait${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Reply;
  };
  const say = async (text: string) => {
    const response = await send(JSON.stringify({ text }));
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: number }).id;
  };
  return { base, send, refusal, wait, say };
}

describe.each(chatServers)('the chat protocol’s rules on $name', ({ start }) => {
  let server: ChatServer;
  let chat: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await start({ env: { CHAT_WAIT_TIMEOUT: String(WAIT_S) } });
    chat = client(server.port);
    await chat.say('first'); // so that since=0 never waits
  });
  afterAll(() => server.stop());
  const lastId = async () => (await chat.wait('?since=0')).last;
  const sendHead = (length: number | string, extra: string[] = []) => [
    'POST /send HTTP/1.1',
    'Host: chat',
    'Content-Type: application/json',
    `Content-Length: ${length}`,
    ...extra,
  ];

  it('refuses a body over 16 KB with 413 as soon as its Content-Length is read, before any more arrives', async () => {
    // 5 MB announced, 1 KB sent: an answer can only come from the length, never from the body.
    const response = await exchange(server.port, httpRequest(sendHead(5_000_000), 'x'.repeat(1024)));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ error: TOO_LARGE });
  });

  it('refuses a body of 5 MB sent whole, and stores nothing of it', async () => {
    const since = await lastId();
    const response = await exchangeOrReset(server.port, httpRequest(sendHead(5_000_000), JSON.stringify({ text: 'y'.repeat(4_999_988) })));
    // The server answers 413 and closes while the client is still sending, so the client may see
    // the connection reset before it reads that answer, as a browser would.
    if (response !== 'reset') expect(response.status).toBe(413);
    expect((await chat.wait(`?since=${since - 1}`)).last).toBe(since);
  });

  it('accepts a body of exactly 16 KB', async () => {
    const body = JSON.stringify({ text: 'sixteen' }).padEnd(16 * 1024, ' ');
    expect((await chat.send(body)).status).toBe(200);
  });

  it('takes as the body exactly what Content-Length says, when more is sent', async () => {
    const message = JSON.stringify({ text: 'only this' });
    const since = await lastId();
    const response = await exchange(server.port, httpRequest(sendHead(Buffer.byteLength(message)), `${message}{"text": "not this"}`));
    // What follows the body is read as the next request, which is garbage: Node's parser refuses
    // the connection with 400 at once, the others answer the send first. Either way the send
    // holds exactly the bytes its Content-Length gave, no fewer and no more.
    expect([200, 400]).toContain(response.status);
    const after = async () => (await chat.wait(`?since=${since - 1}`)).messages.slice(1).map(({ text }) => text); // never parks
    await expect.poll(after).toEqual(['only this']);
  });

  it('answers a send without a Content-Length (a chunked body) with 411', async () => {
    const head = ['POST /send HTTP/1.1', 'Host: chat', 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close'];
    const response = await exchange(server.port, httpRequest(head, '11\r\n{"text": "hello"}\r\n0\r\n\r\n'));
    expect(response.status).toBe(411);
    expect(JSON.parse(response.body)).toEqual({ error: 'a send needs a Content-Length' });
  });

  it('refuses a body that is not UTF-8 with 400', async () => {
    const body = Buffer.concat([Buffer.from('{"text": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect(await chat.refusal(await chat.send(body))).toEqual({ status: 400, error: 'the body must be UTF-8' });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no Content-Type', null],
  ])('refuses a send of %s with 415, so that no cross-site form can post one', async (_case, contentType) => {
    expect(await chat.refusal(await chat.send(JSON.stringify({ text: 'from a form' }), contentType))).toEqual({
      status: 415,
      error: 'a send must be application/json',
    });
  });

  it('takes application/json with parameters, in any case', async () => {
    expect((await chat.send(JSON.stringify({ text: 'charset' }), 'application/json; charset=utf-8')).status).toBe(200);
    expect((await chat.send(JSON.stringify({ text: 'case' }), 'Application/JSON')).status).toBe(200);
  });

  it('counts the 2,000-character limit in Unicode code points: 2,000 emoji pass, 2,001 do not', async () => {
    const since = await lastId();
    const emoji = '😀'.repeat(1500);
    await chat.say(emoji);
    await chat.say('😀'.repeat(2000));
    expect((await chat.wait(`?since=${since}`)).messages[0]!.text).toBe(emoji);
    expect(await chat.refusal(await chat.send(JSON.stringify({ text: '😀'.repeat(2001) })))).toEqual({
      status: 400,
      error: 'text must be at most 2000 characters',
    });
  });

  it.each([
    ['text of only spaces, tabs and line breaks', JSON.stringify({ text: ' \t\r\n ' }), 'text must not be empty'],
    ['NaN, which is not JSON', '{"text": "hi", "n": NaN}', 'the body must be JSON like {"text": "hello"}'],
    ['a list', '["hi"]', 'the body must be JSON like {"text": "hello"}'],
    ['JSON nested 5,000 deep', '['.repeat(5000) + ']'.repeat(5000), 'the body must be JSON like {"text": "hello"}'],
    ['a byte-order mark', '\ufeff{"text": "hi"}', 'the body must be JSON like {"text": "hello"}'],
    ['a list for text', JSON.stringify({ text: ['hi'] }), 'text must be a string'],
  ])('refuses %s with 400', async (_case, body, error) => {
    expect(await chat.refusal(await chat.send(body))).toEqual({ status: 400, error });
  });

  it('takes a text of one no-break space, which is a character like any other', async () => {
    expect((await chat.send(JSON.stringify({ text: '\u00a0' }))).status).toBe(200);
  });

  it.each(['1e3', '-1', 'abc', '9'.repeat(30), '', '+1', ' 1', '0x10', '1.0', '%D9%A1'])('refuses since=%s with 400', async (since) => {
    expect(await chat.refusal(await fetch(`${chat.base}/wait?since=${since}`))).toEqual({ status: 400, error: SINCE_ERROR });
  });

  it('reads leading zeros as a number, and only the first since counts', async () => {
    const id = await chat.say('the newest');
    expect((await chat.wait(`?since=00${id - 1}`)).messages).toEqual([{ id, text: 'the newest' }]);
    expect((await chat.wait(`?since=${id - 1}&since=abc`)).messages).toEqual([{ id, text: 'the newest' }]);
  });

  it.each([
    ['GET', '/nope', 404, null],
    ['GET', '/wait/', 404, null],
    ['GET', '/index.html', 404, null],
    ['POST', '/', 405, 'GET, HEAD'],
    ['PUT', '/wait', 405, 'GET, HEAD'],
    ['GET', '/send', 405, 'POST'],
    ['DELETE', '/send', 405, 'POST'],
  ])('answers %s %s with %i, as JSON', async (method, path, status, allow) => {
    const response = await exchange(server.port, httpRequest([`${method} ${path} HTTP/1.1`, 'Host: chat', 'Content-Length: 0', 'Connection: close']));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(typeof JSON.parse(response.body).error).toBe('string');
    expect(response.headers['allow'] ?? null).toBe(allow);
  });

  it('answers HEAD at once, with no body, for the page and for a wait that would park', async () => {
    const since = await lastId();
    const started = performance.now();
    const wait = await exchangeUntilClose(server.port, httpRequest([`HEAD /wait?since=${since} HTTP/1.1`, 'Host: chat', 'Connection: close']));
    expect(performance.now() - started).toBeLessThan((WAIT_S * 1000) / 2);
    expect(wait).toMatch(/^HTTP\/1\.1 200 /);
    expect(wait.endsWith('\r\n\r\n'), 'nothing after the headers').toBe(true);
    const page = await exchangeUntilClose(server.port, httpRequest(['HEAD / HTTP/1.1', 'Host: chat', 'Connection: close']));
    expect(page).toMatch(/^HTTP\/1\.1 200 /);
    expect(page).toMatch(/content-type: text\/html/i);
    expect(page.endsWith('\r\n\r\n'), 'nothing after the headers').toBe(true);
  });

  it('answers a cursor ahead of its last id at once, with everything it keeps and reset', async () => {
    const last = await lastId();
    const started = performance.now();
    const reply = await chat.wait(`?since=${last + 100}`);
    expect(performance.now() - started).toBeLessThan((WAIT_S * 1000) / 2);
    expect(reply).toMatchObject({ last, reset: true });
    expect(reply.messages).toHaveLength(last);
  });
});

describe.each(chatServers)('$name across a restart and a long history', ({ start }) => {
  it('tells a client whose cursor is from before a restart, so it misses nothing sent after', async () => {
    const before = await start({ env: { CHAT_WAIT_TIMEOUT: String(WAIT_S) } });
    const old = client(before.port);
    for (const text of ['one', 'two', 'three']) await old.say(text);
    before.stop();
    const after = await start({ env: { CHAT_WAIT_TIMEOUT: String(WAIT_S) } });
    try {
      const chat = client(after.port);
      expect(await chat.wait('?since=3')).toEqual({ messages: [], last: 0, reset: true });
      const parked = after.parked(1);
      const waiting = chat.wait('?since=0'); // the cursor the reset gave
      await parked;
      const id = await chat.say('after the restart');
      expect(await waiting).toEqual({ messages: [{ id, text: 'after the restart' }], last: id });
    } finally {
      after.stop();
    }
  });

  it('keeps the newest 1,000 messages, and says how many a cursor older than that missed', async () => {
    const server = await start({ env: { CHAT_WAIT_TIMEOUT: String(WAIT_S) } });
    try {
      const chat = client(server.port);
      for (let id = 1; id <= 1005; id += 5) await Promise.all([0, 1, 2, 3, 4].map((step) => chat.say(`message ${id + step}`)));
      const all = await chat.wait('?since=0');
      expect(all.messages).toHaveLength(1000);
      expect(all.messages[0]!.id).toBe(6);
      expect(all).toMatchObject({ last: 1005, missed: 5 });
      const kept = await chat.wait('?since=5');
      expect(kept.messages).toHaveLength(1000);
      expect(kept.missed).toBeUndefined();
    } finally {
      server.stop();
    }
  });
});
