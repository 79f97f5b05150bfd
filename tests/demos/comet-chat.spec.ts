import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../python/python-programs.ts';

// The protocol itself is tests/protocol's job (Node.js is one of its servers). This is what the
// demo shows a reader: its log, as its scripted session (session.js, which the replay is recorded
// from) drives it. The wait gives up after 2 s here, as in the recording.
describe('demos/comet-chat', () => {
  let server: RunningServer;
  let log = '';
  beforeAll(async () => {
    server = await startServer(process.execPath, ['demos/comet-chat/server.js'], { CHAT_WAIT_TIMEOUT: '2' });
    server.process.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  });
  afterAll(() => server.stop());

  it('logs the session: two waiters parked, one send waking both, two refusals, one wait giving up', async () => {
    const session = spawn(process.execPath, ['session.js'], { cwd: 'demos/comet-chat', env: { ...process.env, PORT: String(server.port) } });
    let said = '';
    session.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    session.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise((resolve) => session.on('close', resolve));
    expect(code, said).toBe(0);
    expect(log.split('\n').filter(Boolean)).toEqual([
      'GET /wait?since=0 — parked, 1 waiting',
      'GET /wait?since=0 — parked, 2 waiting',
      'POST /send id=1 — woke 2',
      'POST /send — 400: text must not be empty',
      'POST /send — 400: the body must be JSON like {"text": "hello"}',
      'GET /wait?since=1 — parked, 1 waiting',
      'GET /wait?since=1 — nothing new in 2 s, answered an empty list',
    ]);
    // Both browsers got the one message from the one send.
    expect(said.match(/browser [AB]: got \[\{"id":1,"text":"hello, both of you"\}\]/g)).toHaveLength(2);
  });

  it('says when a waiting client leaves, and when messages are already there it need not wait', async () => {
    log = '';
    const base = `http://127.0.0.1:${server.port}`;
    const leaving = new AbortController();
    const parked = fetch(`${base}/wait?since=1`, { signal: leaving.signal }).catch(() => 'left');
    await expect.poll(() => log).toContain('GET /wait?since=1 — parked, 1 waiting');
    leaving.abort();
    expect(await parked).toBe('left');
    await expect.poll(() => log).toContain('GET /wait?since=1 — the client left, 0 waiting');
    expect(await (await fetch(`${base}/wait?since=0`)).json()).toEqual({ messages: [{ id: 1, text: 'hello, both of you' }], last: 1 });
    await expect.poll(() => log).toContain('GET /wait?since=0 — no need to wait, answered 1 message');
  });

  it('says it is listening and for how long a wait lasts, and exits cleanly on SIGTERM', async () => {
    const other = await startServer(process.execPath, ['demos/comet-chat/server.js']);
    let out = '';
    other.process.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise((resolve) => other.process.on('exit', (code) => resolve(code)));
    other.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toBe('stopping (SIGTERM), 0 waiting\n');
  });
});
