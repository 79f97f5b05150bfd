import { describe, expect, it } from 'vitest';
import type { FromWorker } from './worker-protocol.ts';
import { WorkerRuntime, type CreateWorker, type WorkerLike } from './worker-runtime.ts';
import type { DemoToRun } from './runtime.ts';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  terminated = false;
  constructor(readonly url: string, readonly options: { type: 'module'; name: string }) {}
  terminate() {
    this.terminated = true;
  }
  send(message: FromWorker) {
    this.onmessage?.({ data: message });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const sources = new Map<string, string>();
  const revoked: string[] = [];
  const createWorker: CreateWorker = (url, options) => {
    const worker = new FakeWorker(url, options);
    workers.push(worker);
    return worker;
  };
  const urls = {
    create: (source: string) => {
      const url = `blob:fake/${sources.size + 1}`;
      sources.set(url, source);
      return url;
    },
    revoke: (url: string) => void revoked.push(url),
  };
  const runtime = new WorkerRuntime({ createWorker, urls, scope: globalThis as never });
  const output: string[] = [];
  const sink = { write: (text: string) => void output.push(text) };
  return { runtime, workers, sources, revoked, output, sink };
}

const coroutines: DemoToRun = {
  id: 'coroutines',
  command: 'node main.js fast',
  files: [
    { path: 'greenlets.js', contents: 'console.log("hub");' },
    { path: 'main.js', contents: "console.log('main');\nawait import('./greenlets.js');" },
    { path: 'package.json', contents: '{}' },
  ],
};

describe('WorkerRuntime', () => {
  it('starts a module worker on a bootstrap that loads the linked entry with argv', () => {
    const { runtime, workers, sources, sink } = setup();
    runtime.run(coroutines, { sink });
    expect(workers).toHaveLength(1);
    const [worker] = workers as [FakeWorker];
    expect(worker.options).toEqual({ type: 'module', name: 'demo coroutines' });
    const bootstrap = sources.get(worker.url)!;
    expect(bootstrap).toContain('"entryUrl":"blob:fake/2"');
    expect(bootstrap).toContain('"argv":["node","/demo/main.js","fast"]');
    expect(sources.get('blob:fake/2')).toContain('import("blob:fake/1")');
  });

  it('passes output on, and on exit flushes it, terminates the worker and revokes every URL', async () => {
    const { runtime, workers, revoked, output, sink } = setup();
    const handle = runtime.run(coroutines, { sink });
    const [worker] = workers as [FakeWorker];
    worker.send({ type: 'output', text: 'main\n' });
    worker.send({ type: 'output', text: 'hub\n' });
    worker.send({ type: 'exit', code: 0 });
    expect(await handle.exited).toEqual({ code: 0, reason: 'exit' });
    expect(output.join('')).toBe('main\nhub\n');
    expect(worker.terminated).toBe(true);
    expect(revoked.sort()).toEqual(['blob:fake/1', 'blob:fake/2', 'blob:fake/3']);
  });

  it('stop() terminates at once (an infinite loop needs no cooperation) and settles as stopped', async () => {
    const { runtime, workers, revoked, sink } = setup();
    const handle = runtime.run(coroutines, { sink });
    handle.stop();
    expect(workers[0]!.terminated).toBe(true);
    expect(revoked).toHaveLength(3);
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    // Late messages from a dying worker change nothing.
    workers[0]!.send({ type: 'exit', code: 0 });
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
  });

  it('stops when the signal aborts, and does not start at all if it already has', async () => {
    const { runtime, workers, sink } = setup();
    const controller = new AbortController();
    const handle = runtime.run(coroutines, { sink, signal: controller.signal });
    controller.abort();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    const second = runtime.run(coroutines, { sink, signal: controller.signal });
    expect(await second.exited).toEqual({ code: null, reason: 'stopped' });
    expect(workers).toHaveLength(1);
  });

  it('refuses a static import cycle before starting a worker, saying why in the terminal', async () => {
    const { runtime, workers, output, revoked, sink } = setup();
    const handle = runtime.run(
      { id: 'x', command: 'node a.js', files: [{ path: 'a.js', contents: "import './b.js';" }, { path: 'b.js', contents: "import './a.js';" }] },
      { sink },
    );
    const exit = await handle.exited;
    expect(exit.reason).toBe('error');
    expect(exit.message).toMatch(/^The Web Worker runtime cannot run files that import each other in a circle \(a\.js → b\.js → a\.js\)/);
    expect(output.join('')).toBe(`${exit.message}\n`);
    expect(workers).toHaveLength(0);
    expect(revoked).toEqual([]);
  });

  it('reports a worker that fails to start (no module workers, a CSP) as a runtime error', async () => {
    const { runtime, workers, sink } = setup();
    const handle = runtime.run(coroutines, { sink });
    workers[0]!.onerror?.({ message: 'Failed to load worker script' });
    expect(await handle.exited).toEqual({
      code: null,
      reason: 'error',
      message: 'The Web Worker failed before the program could run: Failed to load worker script.',
    });
  });

  it('is available where Workers and Blob URLs exist, and says why not elsewhere', async () => {
    expect(await new WorkerRuntime({ scope: { Worker: class {}, Blob: class {}, URL: { createObjectURL: () => '' } } }).available()).toEqual({
      ok: true,
      why: 'Web Workers need neither cross-origin isolation nor the network',
    });
    expect(await new WorkerRuntime({ scope: {} }).available()).toEqual({ ok: false, why: 'this browser has no Web Workers' });
  });
});
