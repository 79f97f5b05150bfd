// The local runner on a real loopback server: what a page can run through it, what a hostile
// page cannot, and that a run leaves nothing behind.
import { readdir, readFile, stat, writeFile, chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRunnerRequest } from '../../src/runner/guard.ts';
import { TOKEN_HEADER, type RunnerRequest } from '../../src/shared/runner-protocol.ts';
import { exitOf, isRunning, outputOf, postRun, startLoopbackRunner, type Spawned } from '../../src/runner/client.ts';
import { PYTHON } from '../python/python-programs.ts';

let server: Awaited<ReturnType<typeof startLoopbackRunner>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (options: Parameters<typeof startLoopbackRunner>[0] = {}) => (server = await startLoopbackRunner({ pythons: [PYTHON], ...options }));
const nodeDemo = (source: string, extra: object = {}) => ({ id: 't', command: 'node main.js', folder: 'demos/t', files: [{ path: 'main.js', contents: source }], ...extra });
const pythonDemo = (source: string, extra: Partial<RunnerRequest> = {}): Partial<RunnerRequest> => ({ id: 'p', command: 'python3 p.py', folder: 'demos/python', files: [{ path: 'p.py', contents: source }], framework: 'stdlib', ...extra });

const runFolders = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('async-talk-run-')).length;

describe('the runner refuses, with 403 and without starting anything', () => {
  const refusals: [string, (headers: Record<string, string>, host: string) => Record<string, string>, RegExp][] = [
    ['no secret', ({ [TOKEN_HEADER]: _, ...rest }) => rest, /does not carry this server's secret/],
    ['a wrong secret', (headers) => ({ ...headers, [TOKEN_HEADER]: 'guessed' }), /does not carry this server's secret/],
    ['a foreign Origin', (headers) => ({ ...headers, origin: 'http://evil.example' }), /Origin "http:\/\/evil\.example" is not this server's own/],
    ['no Origin', ({ origin: _, ...rest }) => rest, /Origin "" is not this server's own/],
    ['a Host that is not this computer (DNS rebinding)', (headers) => ({ ...headers, host: 'evil.example', origin: 'http://evil.example' }), /Host "evil\.example" is not this computer/],
    ['the same origin on another port', (headers, host) => ({ ...headers, origin: `http://${host.replace(/\d+$/, '1')}` }), /is not this server's own/],
  ];
  for (const [what, change, why] of refusals) {
    it(`a request with ${what}`, async () => {
      const { port, pageHeaders, spawned, host } = await start();
      const before = await runFolders();
      const answer = await postRun(port, change(pageHeaders(), host), nodeDemo('console.log("ran")'));
      expect(answer.status).toBe(403);
      expect(answer.body).toMatch(why);
      expect(spawned).toEqual([]);
      expect(await runFolders()).toBe(before);
    });
  }

  it('a request from another computer (the dev server opened with --host)', () => {
    const request = { socket: { remoteAddress: '192.168.1.20' }, headers: { host: 'localhost:4321', origin: 'http://localhost:4321' } };
    expect(checkRunnerRequest(request as never, 'secret')).toEqual({ ok: false, why: 'the local runner answers only this computer' });
  });

  it('every start has a new secret', async () => {
    const first = await startLoopbackRunner();
    const second = await startLoopbackRunner();
    expect(first.runner.token).not.toBe(second.runner.token);
    expect(first.runner.token.length).toBeGreaterThanOrEqual(32);
    await Promise.all([first.close(), second.close()]);
  });

  it('files that would leave the run folder, with a message and no process', async () => {
    const { port, pageHeaders, spawned } = await start();
    const answer = await postRun(port, pageHeaders(), { ...nodeDemo(''), files: [{ path: '../../../escape.js', contents: 'x' }] });
    expect(exitOf(answer)).toEqual({ type: 'exit', code: null, reason: 'error', message: 'the local runner refused the files: the file path "../../../escape.js" leaves the run\'s folder' });
    expect(spawned).toEqual([]);
  });

  it('a body that is not a run, with 400', async () => {
    const { port, pageHeaders, spawned } = await start();
    const answer = await postRun(port, pageHeaders(), '{"nope":1}');
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('The local runner refused this run: the request must give id, command, folder and files.');
    expect(spawned).toEqual([]);
  });
});

describe('a run', () => {
  it('streams what a Python program prints, and removes its folder afterwards', async () => {
    const { port, pageHeaders, spawned } = await start();
    const seen: string[] = [];
    const answer = await postRun(port, pageHeaders(), pythonDemo('import os, time\nprint("first", flush=True)\ntime.sleep(0.3)\nprint(os.getcwd())\n'), (event) => {
      if (event.type === 'output') seen.push(event.text);
    });
    // The first line arrives on its own, while the program still sleeps: however the pipe splits
    // it ("first" and "\n" may be two writes), the events up to its end hold nothing of the next.
    const untilFirstLine = seen.slice(0, seen.findIndex((text) => text.includes('\n')) + 1).join('');
    expect(untilFirstLine).toBe('first\n');
    expect(exitOf(answer)).toEqual({ type: 'exit', code: 0, reason: 'exit' });
    const cwd = outputOf(answer).trim().split('\n').at(-1)!;
    expect(cwd).toBe(spawned[0]!.cwd);
    expect(cwd.startsWith(join(tmpdir(), 'async-talk-run-'))).toBe(true);
    await expect(stat(cwd)).rejects.toThrow(/ENOENT/);
  });

  it('shows the traceback of a syntax error, with its exit code', async () => {
    const { port, pageHeaders } = await start();
    const answer = await postRun(port, pageHeaders(), pythonDemo('print("unclosed"\n'));
    expect(outputOf(answer)).toMatch(/File ".*p\.py", line 1[\s\S]*SyntaxError/);
    expect(exitOf(answer)).toEqual({ type: 'exit', code: 1, reason: 'exit' });
  });

  it('ends on Stop, with every child and fork of its process group', async () => {
    const { port, pageHeaders, spawned } = await start();
    const program = [
      'import os, subprocess, time',
      'child = subprocess.Popen(["sleep", "100"])',
      'pid = os.fork()',
      'if pid == 0:',
      '    while True: pass',
      'print("children", child.pid, pid, flush=True)',
      'while True: pass',
    ].join('\n');
    let children: number[] = [];
    const answer = await postRun(port, pageHeaders(), pythonDemo(program), (event, abort) => {
      if (event.type !== 'output' || !event.text.startsWith('children')) return;
      children = event.text.trim().split(' ').slice(1).map(Number);
      abort();
    });
    expect(answer.status).toBe(200);
    const { process } = spawned[0] as Spawned;
    expect(await process.ended).toEqual({ reason: 'stopped', code: null });
    for (const pid of [process.pid!, ...children]) expect(await isRunning(pid), `process ${pid} is still running`).toBe(false);
  });

  it('two runs at once have their own folders, and stopping one leaves the other', async () => {
    const { port, pageHeaders, spawned } = await start();
    const forever = nodeDemo('console.log(process.cwd()); setInterval(() => {}, 1000);');
    const first = postRun(port, pageHeaders(), forever, (event, abort) => event.type === 'output' && abort());
    const second = postRun(port, pageHeaders(), nodeDemo('setTimeout(() => console.log(process.cwd()), 300);'));
    const [stopped, finished] = await Promise.all([first, second]);
    expect(outputOf(stopped).trim()).not.toBe(outputOf(finished).trim());
    expect(exitOf(finished)).toEqual({ type: 'exit', code: 0, reason: 'exit' });
    // Which one the runner started first is the server's business: each is found by its folder.
    const stoppedRun = spawned.find((run) => run.cwd === outputOf(stopped).trim())!;
    expect(await stoppedRun.process.ended).toEqual({ reason: 'stopped', code: null });
  });

  it('is stopped at its time limit, and says which limit it hit', async () => {
    const { port, pageHeaders } = await start({ limits: { program: { timeMs: 300, outputBytes: 1e6 }, server: { timeMs: 300, outputBytes: 1e6 } } });
    const answer = await postRun(port, pageHeaders(), pythonDemo('while True: pass\n'));
    const message = 'Stopped by the local runner: the run went past its time limit of 0.3 s.';
    expect(exitOf(answer)).toEqual({ type: 'exit', code: null, reason: 'stopped', message });
    expect(outputOf(answer)).toContain(message);
  });

  it('is stopped at its output limit, and says which limit it hit', async () => {
    const { port, pageHeaders } = await start({ limits: { program: { timeMs: 60_000, outputBytes: 100_000 }, server: { timeMs: 60_000, outputBytes: 100_000 } } });
    const answer = await postRun(port, pageHeaders(), pythonDemo('import sys\nwhile True:\n    sys.stdout.write("x" * 1000)\n'));
    const message = 'Stopped by the local runner: the run printed more than 0.1 MB, its output limit.';
    expect(exitOf(answer)).toEqual({ type: 'exit', code: null, reason: 'stopped', message });
    expect(outputOf(answer).replace(`\n${message}\n`, '').length).toBe(100_000);
  });

  it('ends a Node program that floods without ever yielding at its memory cap, and says how it ended', async () => {
    const { port, pageHeaders } = await start();
    // Node keeps a pipe's unwritten output in memory while the loop never yields.
    const answer = await postRun(port, pageHeaders(), nodeDemo('for (;;) process.stdout.write("x".repeat(1000));'));
    expect(outputOf(answer)).toContain('JavaScript heap out of memory');
    expect(exitOf(answer)).toEqual({ type: 'exit', code: null, reason: 'exit', message: 'the program was ended by SIGABRT' });
  });
});

describe('a missing interpreter or framework', () => {
  it('names the framework and how to install it, and runs nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-python-'));
    const fake = join(dir, 'python3');
    await writeFile(fake, '#!/bin/sh\necho "ModuleNotFoundError: No module named gevent" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const { port, pageHeaders, spawned } = await start({ pythons: [fake] });
    const answer = await postRun(port, pageHeaders(), pythonDemo('import gevent', { framework: 'gevent' }));
    expect(exitOf(answer)).toEqual({
      type: 'exit',
      code: null,
      reason: 'error',
      message: `gevent is not installed for ${fake}. Install it with \`sudo apt install python3-gevent\` (Debian, Ubuntu) or \`${fake} -m pip install gevent\`.`,
    });
    expect(spawned).toEqual([]);
  });

  it('says python3 is not installed when there is none', async () => {
    const { port, pageHeaders, spawned } = await start({ pythons: ['/nowhere/python3'] });
    const answer = await postRun(port, pageHeaders(), pythonDemo('print(1)'));
    expect(exitOf(answer)).toMatchObject({ reason: 'error', message: 'python3 is not installed on this computer. Install it with `sudo apt install python3` (Debian, Ubuntu) or from python.org.' });
    expect(spawned).toEqual([]);
  });

  it('finds the python3 that has the framework, further along', async () => {
    const { port, pageHeaders } = await start({ pythons: ['/nowhere/python3', PYTHON] });
    const answer = await postRun(port, pageHeaders(), pythonDemo('import gevent\nprint(gevent.__version__)', { framework: 'gevent' }));
    expect(outputOf(answer)).toMatch(/^\d+\.\d+/);
  });
});

describe('a server demo', () => {
  it('is shown through a preview that a cross-origin isolated page may frame, and answers there', async () => {
    const { port, pageHeaders } = await start();
    const files = await Promise.all(['server.js', 'index.html'].map(async (path) => ({ path, contents: await readFile(`demos/comet-chat/${path}`, 'utf8') })));
    let page: Response | undefined;
    let sent: Response | undefined;
    await postRun(port, pageHeaders(), { id: 'comet-chat', command: 'node server.js', folder: 'demos/comet-chat', files, port: 8000 }, (event, abort) => {
      if (event.type !== 'server-ready') return;
      void (async () => {
        page = await fetch(event.url);
        sent = await fetch(new URL('/send', event.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"from the preview"}' });
        abort();
      })();
    });
    expect(page!.status).toBe(200);
    expect(page!.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(page!.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await page!.text()).toContain('<form');
    expect(sent!.status).toBe(200);
  });
});
