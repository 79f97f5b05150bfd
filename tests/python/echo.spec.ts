import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startPythonServer, threadCount, type RunningServer } from './python-programs.ts';

/** Sends a line over a fresh connection and resolves with what comes back before the server closes or echoes it whole. */
function echo(port: number, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(message));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length >= message.length) socket.end();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

let server: RunningServer | undefined;
afterEach(() => server?.stop());

// The two echo servers of chapter 1: both must serve many clients at once, one with a thread
// each and one with a single thread asking select() which sockets are ready.
describe.each(['echo_threads.py', 'echo_select.py'])('demos/python/%s', (file) => {
  it('echoes to 50 clients connected at the same time', async () => {
    server = await startPythonServer(file);
    const messages = Array.from({ length: 50 }, (_, n) => `hello from client ${n}\n`);
    const replies = await Promise.all(messages.map((message) => echo(server!.port, message)));
    expect(replies).toEqual(messages);
  });
});

/** Opens `count` connections, has each echo once, and keeps them open until `release` is called. */
async function holdOpen(port: number, count: number) {
  const sockets = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Socket>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('ping\n'));
      socket.once('data', () => resolve(socket));
      socket.on('error', reject);
    })),
  );
  return () => sockets.forEach((socket) => socket.destroy());
}

describe('what each echo server spends on 40 open connections', () => {
  it('the threaded one holds a thread per connection', async () => {
    server = await startPythonServer('echo_threads.py');
    const release = await holdOpen(server.port, 40);
    expect(await threadCount(server.process.pid!)).toBeGreaterThanOrEqual(41);
    release();
  });

  it('the select one serves them all from its one thread', async () => {
    server = await startPythonServer('echo_select.py');
    const release = await holdOpen(server.port, 40);
    expect(await threadCount(server.process.pid!)).toBe(1);
    release();
  });
});

describe('demos/python/echo_select.py under a reset', () => {
  it('goes on serving after a client resets its connection instead of closing it', async () => {
    server = await startPythonServer('echo_select.py');
    const port = server.port;
    const reset = await new Promise<import('node:net').Socket>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('ping\n'));
      socket.once('data', () => resolve(socket));
      socket.on('error', reject);
    });
    reset.resetAndDestroy(); // an RST, as a client that crashes or times out sends
    expect(await echo(port, 'still there?\n')).toBe('still there?\n');
    expect(server.process.exitCode).toBeNull();
  });
});
