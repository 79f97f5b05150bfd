// What the local runner answers a run it refuses, on a real loopback server: these requests are
// refused before any file is written or any process started.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerRequest } from '../shared/runner-protocol.ts';
import { exitOf, postRun, startLoopbackRunner } from './client.ts';

let server: Awaited<ReturnType<typeof startLoopbackRunner>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async () => (server = await startLoopbackRunner({ pythons: [] }));
const nodeDemo = (extra: Record<string, unknown> = {}) =>
  ({ id: 't', command: 'node main.js', folder: 'demos/t', files: [{ path: 'main.js', contents: 'console.log("ran")' }], ...extra }) as Partial<RunnerRequest>;

describe('the runner refuses, with 400 and a sentence, a request', () => {
  const refusals: [string, Partial<RunnerRequest> | string, string][] = [
    [
      'whose command is neither node nor python3, with one full stop at the end',
      nodeDemo({ command: 'deno main.js' }),
      'The local runner refused this run: The command "deno main.js" cannot be run: it must be "node <file> [args…]" or "python3 <file> [args…]".',
    ],
    ['whose body is not JSON', '{ "id": "t", ', 'The local runner refused this run: the request is not JSON.'],
    ['for a Python framework it does not know, quoting it', nodeDemo({ framework: 'twisted2' }), 'The local runner refused this run: unknown framework "twisted2".'],
    ['for a port that is not a port number', nodeDemo({ port: 70_000 }), 'The local runner refused this run: port must be a port number.'],
    ['for a port that is not a whole number', nodeDemo({ port: 80.5 }), 'The local runner refused this run: port must be a port number.'],
    ['that would set PATH', nodeDemo({ env: { PATH: '/tmp/evil' } }), 'The local runner refused this run: env must map upper-case names (not PATH) to strings.'],
    ['whose environment has a lower-case name', nodeDemo({ env: { debug: '1' } }), 'The local runner refused this run: env must map upper-case names (not PATH) to strings.'],
    ['whose environment has a value that is not a string', nodeDemo({ env: { DEBUG: 1 } }), 'The local runner refused this run: env must map upper-case names (not PATH) to strings.'],
  ];
  for (const [what, body, message] of refusals) {
    it(what, async () => {
      const { port, pageHeaders, spawned } = await start();
      const answer = await postRun(port, pageHeaders(), body);
      expect(answer.status).toBe(400);
      expect(answer.body).toBe(message);
      expect(spawned).toEqual([]);
    });
  }
});

describe('the runner ends a run it cannot start, saying it refused the files', () => {
  it('when the folder is not a demo folder', async () => {
    const { port, pageHeaders, spawned } = await start();
    const answer = await postRun(port, pageHeaders(), nodeDemo({ folder: 'content/chapters' }));
    expect(answer.status).toBe(200);
    expect(exitOf(answer)).toEqual({
      type: 'exit',
      code: null,
      reason: 'error',
      message: 'the local runner refused the files: the folder "content/chapters" is not a demo folder (demos/<name>)',
    });
    expect(spawned).toEqual([]);
  });

  it('when there are no files to run', async () => {
    const { port, pageHeaders, spawned } = await start();
    const answer = await postRun(port, pageHeaders(), nodeDemo({ files: [] }));
    expect(exitOf(answer)).toEqual({ type: 'exit', code: null, reason: 'error', message: 'the local runner refused the files: a run takes 1 to 64 files, not 0' });
    expect(spawned).toEqual([]);
  });
});
