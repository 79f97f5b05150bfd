import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { PYTHON, runPythonScript, startPythonServer, type RunningServer } from './python-programs.ts';

interface Download {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when the first body bytes arrived. */
  firstBytesAt: number;
}

/** Downloads `url`; `onData` is told how many body bytes have arrived so far, at each chunk. */
function download(url: string, onData: (received: number) => void = () => {}): Promise<Download> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      let firstBytesAt = 0;
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        firstBytesAt ||= performance.now();
        chunks.push(chunk);
        onData((received += chunk.length));
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), firstBytesAt }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** Resolves with performance.now() when the server prints a line matching `pattern`. */
function whenPrinted(server: RunningServer, pattern: RegExp): Promise<number> {
  return new Promise((resolve) => {
    createInterface({ input: server.process.stdout! }).on('line', (line) => {
      if (pattern.test(line)) resolve(performance.now());
    });
  });
}

let server: RunningServer | undefined;
let upstream: Server | undefined;
afterEach(() => {
  server?.stop();
  upstream?.closeAllConnections(); // a request the test left unanswered, too
  upstream?.close();
  server = upstream = undefined;
});

describe('demos/python/gevent_wait_any.py', () => {
  it('returns the first greenlet to finish, then the rest in finishing order, not spawn order', async () => {
    const { stdout } = await runPythonScript('gevent_wait_any.py');
    // It returned with the other two still running: it did not wait for all (a fact, not a
    // timing, so a busy machine cannot make it fail).
    expect(stdout).toMatch(/^first finished: part-b after [\d.]+ s; still running: part-a, part-c$/m);
    expect(stdout).toContain("in finishing order: ['part-b', 'part-c', 'part-a']");
  });
});

describe('demos/python/gevent_streaming_zip.py', () => {
  it('streams a valid zip, chunked, starting before the last part exists and holding only a chunk at a time', async () => {
    server = await startPythonServer('gevent_streaming_zip.py');
    const lastPartProduced = whenPrinted(server, /^part 4 produced$/);
    const summary = new Promise<string>((resolve) => {
      createInterface({ input: server!.process.stdout! }).on('line', (line) => line.startsWith('sent ') && resolve(line));
    });
    const response = await download(`http://127.0.0.1:${server.port}/parts.zip`);

    expect(response.status).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.firstBytesAt).toBeLessThan(await lastPartProduced);

    const folder = mkdtempSync(join(tmpdir(), 'streaming-zip-'));
    try {
      const file = join(folder, 'parts.zip');
      writeFileSync(file, response.body);
      const tested = spawnSync(PYTHON, ['-m', 'zipfile', '-t', file], { encoding: 'utf8' });
      expect(tested.stdout).toContain('Done testing');
      const listing = spawnSync(PYTHON, ['-m', 'zipfile', '-l', file], { encoding: 'utf8' }).stdout;
      for (let n = 0; n < 5; n++) expect(listing).toMatch(new RegExp(`part-${n}\\.txt .* 129600\\n`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }

    // The server never held more than one compressed chunk of the archive.
    const [, sent, largest] = /sent (\d+) bytes; largest chunk held (\d+)/.exec(await summary)!.map(Number);
    expect(sent).toBe(response.body.length);
    expect(largest).toBeLessThan(sent! / 3);
  });
});

describe('demos/python/gevent_signed_proxy.py', () => {
  const SECRET = 'test secret';
  const TOKEN = 'upstream token';
  const BLOCKS = 5;
  const BLOCK_SIZE = 64 * 1024;
  const upstreamPaths: string[] = [];
  /** What happened, in order: the upstream sending each block, the client having each one whole. */
  const events: string[] = [];
  let clientReceived = 0;
  let clientGotMore = () => {};

  /** Resolves once the client has `bytes` of the body, or after 5 s: a proxy that held the body back would never let it. */
  function clientHas(bytes: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(guard);
        clientGotMore = () => {};
        resolve();
      };
      const guard = setTimeout(done, 5_000);
      clientGotMore = () => clientReceived >= bytes && done();
      clientGotMore();
    });
  }

  function clientGot(received: number) {
    for (let block = Math.floor(clientReceived / BLOCK_SIZE); block < Math.floor(received / BLOCK_SIZE); block++) events.push(`client has block ${block}`);
    clientReceived = received;
    clientGotMore();
  }

  /**
   * Object storage stand-in: wants the proxy's token, and sends a file in blocks, each only once
   * the client has the block before it, through the proxy.
   */
  async function startUpstream(): Promise<number> {
    upstreamPaths.length = events.length = clientReceived = 0;
    upstream = createServer(async (request, response) => {
      upstreamPaths.push(request.url ?? '');
      if (request.headers['x-auth-token'] !== TOKEN) return void response.writeHead(401).end();
      if (request.url?.endsWith('/missing.bin')) return void response.writeHead(404, 'Not Found').end('no such file');
      if (request.url?.endsWith('/stuck.bin')) return; // never answers
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': BLOCKS * BLOCK_SIZE });
      for (let block = 0; block < BLOCKS; block++) {
        if (block > 0) await clientHas(block * BLOCK_SIZE);
        events.push(`upstream sent block ${block}`);
        response.write(Buffer.alloc(BLOCK_SIZE, block));
      }
      response.end();
    });
    await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
    return (upstream.address() as { port: number }).port;
  }

  function signedUrl(port: number, path: string, user: string, expires: number, secret = SECRET): string {
    const sig = createHmac('sha256', secret).update(`${path}\n${user}\n${expires}`).digest('hex');
    return `http://127.0.0.1:${port}${path}?user=${user}&expires=${expires}&sig=${sig}`;
  }

  async function startProxy() {
    const upstreamPort = await startUpstream();
    server = await startPythonServer('gevent_signed_proxy.py', {
      SECRET, UPSTREAM_TOKEN: TOKEN, UPSTREAM: `http://127.0.0.1:${upstreamPort}`, UPSTREAM_TIMEOUT: '1',
    });
    return server.port;
  }

  const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

  it("streams the user's file through: the client has each block before the upstream sends the next", async () => {
    const port = await startProxy();
    const response = await download(signedUrl(port, '/video.bin', 'alice', inAMinute()), clientGot);
    expect(response.status).toBe(200);
    expect(upstreamPaths).toEqual(['/alice/video.bin']);
    expect(response.body.length).toBe(BLOCKS * BLOCK_SIZE);
    for (let block = 0; block < BLOCKS; block++) expect(response.body[block * BLOCK_SIZE]).toBe(block);
    // The upstream waits for the client before each block, so a proxy that buffered the body would
    // show "upstream sent block 1" (after 5 s) before "client has block 0".
    expect(events).toEqual(Array.from({ length: BLOCKS }, (_, block) => [`upstream sent block ${block}`, `client has block ${block}`]).flat());
  });

  it('refuses a link signed for someone else, a changed path, a wrong key, or an expired one', async () => {
    const port = await startProxy();
    const good = new URL(signedUrl(port, '/video.bin', 'alice', inAMinute()));
    const forBob = new URL(good);
    forBob.searchParams.set('user', 'bob');
    const otherFile = new URL(good);
    otherFile.pathname = '/other.bin';
    const refused = [
      forBob.href,
      otherFile.href,
      signedUrl(port, '/video.bin', 'alice', inAMinute(), 'guessed secret'),
      signedUrl(port, '/video.bin', 'alice', Math.floor(Date.now() / 1000) - 1),
      `http://127.0.0.1:${port}/video.bin?user=alice`,
    ];
    for (const url of refused) expect((await download(url)).status, url).toBe(403);
    expect(upstreamPaths).toEqual([]); // nothing refused ever reached the storage
  });

  it('refuses a signature that is not even ASCII with 403, not a failure', async () => {
    const port = await startProxy();
    const url = new URL(signedUrl(port, '/video.bin', 'alice', inAMinute()));
    url.searchParams.set('sig', 'é'.repeat(64));
    expect((await download(url.href)).status).toBe(403);
    expect(upstreamPaths).toEqual([]);
  });

  it("passes the storage's 404 through, and answers 504 when the storage does not answer in time", async () => {
    const port = await startProxy();
    expect((await download(signedUrl(port, '/missing.bin', 'alice', inAMinute()))).status).toBe(404);
    const started = performance.now();
    expect((await download(signedUrl(port, '/stuck.bin', 'alice', inAMinute()))).status).toBe(504);
    expect(performance.now() - started).toBeLessThan(5_000); // UPSTREAM_TIMEOUT is 1 s here
  });
});
