import { describe, expect, it } from 'vitest';
import { LocalRuntime } from './local-runtime.ts';
import { runnerToken } from './runner-token.ts';
import { createBoots, runWithFallback } from './run-with-fallback.ts';
import { RUN_PATH, TOKEN_HEADER, type RunnerEvent } from '../shared/runner-protocol.ts';
import type { Runtime } from './runtime.ts';

const demo = { id: 'gevent_sleep0', command: 'python3 gevent_sleep0.py', folder: 'demos/python', framework: 'gevent' as const, files: [{ path: 'gevent_sleep0.py', contents: 'print(1)' }] };

function collect() {
  let text = '';
  return { sink: { write: (chunk: string) => void (text += chunk) }, text: () => text };
}

/** A fetch that answers with these events as a stream, split mid-line to prove lines are joined. */
function streaming(events: RunnerEvent[], seen: { init?: RequestInit | undefined; url?: string } = {}): typeof fetch {
  return async (url, init) => {
    seen.url = String(url);
    seen.init = init;
    const body = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    const middle = Math.floor(body.length / 2);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, middle)));
        controller.enqueue(new TextEncoder().encode(body.slice(middle)));
        controller.close();
      },
    });
    return new Response(stream, { status: 200 });
  };
}

describe('LocalRuntime', () => {
  it('posts the demo with the page secret and streams the run to the sink', async () => {
    const seen: { init?: RequestInit | undefined; url?: string } = {};
    const runtime = new LocalRuntime({ token: 'secret', fetch: streaming([{ type: 'output', text: 'one\n' }, { type: 'output', text: 'two\n' }, { type: 'exit', code: 0, reason: 'exit' }], seen) });
    const { sink, text } = collect();
    expect(await runtime.run(demo, { sink, env: { EXTRA: '1' } }).exited).toEqual({ code: 0, reason: 'exit' });
    expect(text()).toBe('one\ntwo\n');
    expect(seen.url).toBe(RUN_PATH);
    expect((seen.init!.headers as Record<string, string>)[TOKEN_HEADER]).toBe('secret');
    expect(JSON.parse(seen.init!.body as string)).toMatchObject({ id: 'gevent_sleep0', folder: 'demos/python', framework: 'gevent', env: { EXTRA: '1' } });
  });

  it('hands a server\'s preview address on', async () => {
    const runtime = new LocalRuntime({ token: 't', fetch: streaming([{ type: 'server-ready', port: 8000, url: 'http://127.0.0.1:5555/' }, { type: 'exit', code: null, reason: 'stopped' }]) });
    const ready: string[] = [];
    await runtime.run(demo, { sink: collect().sink, onServerReady: (port, url) => ready.push(`${port} ${url}`) }).exited;
    expect(ready).toEqual(['8000 http://127.0.0.1:5555/']);
  });

  it('says why it could not run (a missing framework), so the policy moves on to the replay', async () => {
    const message = 'gevent is not installed for python3. Install it with `sudo apt install python3-gevent` (Debian, Ubuntu) or `python3 -m pip install gevent`.';
    const local = new LocalRuntime({ token: 't', fetch: streaming([{ type: 'exit', code: null, reason: 'error', message }]) });
    const replay: Runtime = {
      id: 'replay',
      available: async () => ({ ok: true, why: '' }),
      run: (_demo, options) => {
        options.sink.write('recorded\n');
        return { exited: Promise.resolve({ code: 0, reason: 'exit' }), stop() {} };
      },
    };
    const { sink, text } = collect();
    const result = await runWithFallback({ demo: { ...demo, runtimes: ['local', 'replay'] }, runtimes: [local, replay], boots: createBoots(), signal: new AbortController().signal, sink });
    expect(result.ran).toBe('replay');
    expect(result.sentence).toBe(`Ran in a replay of a recorded run: the local runner could not run it (${message}). A replay shows a real run of the original code, not a live one.`);
    expect(text()).toBe(`${message}\nrecorded\n`);
  });

  it('asks for a reload when the runner refuses the page (a restarted server has a new secret)', async () => {
    const refused: typeof fetch = async () => new Response('Forbidden: the request does not carry this server\'s secret.', { status: 403 });
    const { sink, text } = collect();
    const exit = await new LocalRuntime({ token: 'old', fetch: refused }).run(demo, { sink }).exited;
    expect(exit.reason).toBe('error');
    expect(text()).toBe(
      "The local runner refused the run (403): Forbidden: the request does not carry this server's secret. If the server was restarted, reload the page: each start has a new secret.\n",
    );
  });

  it('says when the runner does not answer at all', async () => {
    const gone: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const { sink, text } = collect();
    expect((await new LocalRuntime({ token: 't', fetch: gone }).run(demo, { sink }).exited).reason).toBe('error');
    expect(text()).toBe('The local runner did not answer (Failed to fetch): is `npm run present` still running?\n');
  });

  it('aborts the request on Stop, which is what ends the process on the runner', async () => {
    let signal: AbortSignal | undefined;
    const hanging: typeof fetch = (_url, init) => {
      signal = init!.signal!;
      return new Promise(() => {});
    };
    const handle = new LocalRuntime({ token: 't', fetch: hanging }).run(demo, { sink: collect().sink });
    await Promise.resolve();
    handle.stop();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    expect(signal!.aborted).toBe(true);
  });
});

describe('runnerToken', () => {
  it('is the meta element the runner writes, and nothing on a page without it', () => {
    const page = (content?: string) => ({ querySelector: () => (content === undefined ? null : { content }) }) as unknown as Document;
    expect(runnerToken(page('abc'))).toBe('abc');
    expect(runnerToken(page())).toBeUndefined();
    expect(runnerToken(page(''))).toBeUndefined();
  });
});
