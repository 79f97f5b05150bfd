import { describe, expect, it } from 'vitest';
import type { Sandbox } from './sandbox-frame.ts';
import type { FromSandbox, SandboxStart, ToSandbox } from './worker-protocol.ts';
import { ANSWER_MS, GONE_MESSAGE, SILENCE_MS, WorkerRuntime, type Watch } from './worker-runtime.ts';
import type { DemoToRun } from './runtime.ts';

class FakeSandbox implements Sandbox {
  onmessage: Sandbox['onmessage'] = null;
  disposed = false;
  sent: ToSandbox[] = [];
  constructor(readonly start: SandboxStart) {}
  send(message: ToSandbox) {
    this.sent.push(message);
  }
  dispose() {
    this.disposed = true;
  }
  post(message: FromSandbox | unknown) {
    this.onmessage?.(message);
  }
  /** The modules with their placeholders put back as the frame would, naming each by index. */
  linked(index: number) {
    return this.start.modules[index]!.replace(new RegExp(`${this.start.token}(\\d+)_`, 'g'), (_whole, i: string) => `blob:fake/${i}`);
  }
}

class FakeWatch implements Watch {
  time = 0;
  isHidden = false;
  #callbacks = new Set<() => void>();
  now = () => this.time;
  hidden = () => this.isHidden;
  every(callback: () => void) {
    this.#callbacks.add(callback);
    return () => void this.#callbacks.delete(callback);
  }
  advance(ms: number) {
    for (let step = 0; step < ms; step += 500) {
      this.time += 500;
      for (const callback of this.#callbacks) callback();
    }
  }
  get watching() {
    return this.#callbacks.size;
  }
}

function setup() {
  const sandboxes: FakeSandbox[] = [];
  const watch = new FakeWatch();
  const frames: (() => void)[] = [];
  const nextFrame = () => frames.splice(0).forEach((flush) => flush());
  const runtime = new WorkerRuntime({
    createSandbox: (start) => {
      const sandbox = new FakeSandbox(start);
      sandboxes.push(sandbox);
      return sandbox;
    },
    scope: globalThis as never,
    watch,
    batcher: { scheduler: { schedule: () => () => undefined } },
    ackScheduler: { schedule: (flush) => (frames.push(flush), () => frames.splice(frames.indexOf(flush), 1)) },
  });
  const output: string[] = [];
  const sink = { write: (text: string) => void output.push(text) };
  return { runtime, sandboxes, watch, output, sink, nextFrame };
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
  it('hands a sandbox the linked modules, dependencies first, and a bootstrap that loads the entry with argv', () => {
    const { runtime, sandboxes, sink } = setup();
    runtime.run(coroutines, { sink, keepLinesStartingWith: '#trace ' });
    expect(sandboxes).toHaveLength(1);
    const [sandbox] = sandboxes as [FakeSandbox];
    expect(sandbox.start).toMatchObject({ type: 'start', name: 'demo coroutines', keepLinesStartingWith: '#trace ' });
    expect(sandbox.start.modules).toHaveLength(3);
    expect(sandbox.linked(0)).toBe('console.log("hub");');
    expect(sandbox.linked(1)).toContain('import("blob:fake/0")');
    const bootstrap = sandbox.linked(2);
    expect(bootstrap).toContain('"entryUrl":"blob:fake/1"');
    expect(bootstrap).toContain('"argv":["node","/demo/main.js","fast"]');
    // The placeholders are the run's own: demo text cannot guess them from the page's code.
    expect(sandbox.start.token).toMatch(/^__asyncTalkModule[a-z0-9]{6,}_$/);
  });

  it('passes output on, takes the next message a frame later, and on exit flushes and removes the sandbox', async () => {
    const { runtime, sandboxes, output, sink, watch, nextFrame } = setup();
    const handle = runtime.run(coroutines, { sink });
    const [sandbox] = sandboxes as [FakeSandbox];
    sandbox.post({ type: 'output', text: 'main\n' });
    expect(sandbox.sent).toEqual([]);
    nextFrame();
    expect(sandbox.sent).toEqual([{ type: 'ack' }]);
    sandbox.post({ type: 'output', text: 'hub\n' });
    nextFrame();
    expect(sandbox.sent).toEqual([{ type: 'ack' }, { type: 'ack' }]);
    sandbox.post({ type: 'exit', code: 0 });
    expect(await handle.exited).toEqual({ code: 0, reason: 'exit' });
    expect(output.join('')).toBe('main\nhub\n');
    expect(sandbox.disposed).toBe(true);
    expect(watch.watching).toBe(0);
  });

  it('says how much output the sandbox left out, after the trace lines it kept from it', async () => {
    const { runtime, sandboxes, output, sink } = setup();
    const handle = runtime.run(coroutines, { sink });
    sandboxes[0]!.post({ type: 'output', text: 'newest\n', skipped: { chars: 3 * 1024 * 1024, lines: 70_000, kept: '#trace {"lane":"a"}\n' } });
    sandboxes[0]!.post({ type: 'exit', code: 0 });
    await handle.exited;
    expect(output.join('')).toBe(
      '#trace {"lane":"a"}\n\n[… 70,000 lines (3.0 MB) of output skipped to keep the page responsive; the newest follows …]\nnewest\n',
    );
  });

  it('stop() removes the sandbox at once (an infinite loop needs no cooperation) and settles as stopped', async () => {
    const { runtime, sandboxes, sink } = setup();
    const handle = runtime.run(coroutines, { sink });
    handle.stop();
    expect(sandboxes[0]!.disposed).toBe(true);
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    // Late messages from a dying frame change nothing.
    sandboxes[0]!.post({ type: 'exit', code: 0 });
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
  });

  it('ignores messages that are not the sandbox protocol', async () => {
    const { runtime, sandboxes, output, sink } = setup();
    const handle = runtime.run(coroutines, { sink });
    for (const junk of [null, 'exit', { type: 'exit' }, { type: 'output', text: 5 }, { type: 'failed' }, { slide: 3 }]) sandboxes[0]!.post(junk);
    sandboxes[0]!.post({ type: 'exit', code: 2 });
    expect(await handle.exited).toEqual({ code: 2, reason: 'exit' });
    expect(output).toEqual([]);
  });

  it('stops when the signal aborts, and does not start at all if it already has', async () => {
    const { runtime, sandboxes, sink } = setup();
    const controller = new AbortController();
    const handle = runtime.run(coroutines, { sink, signal: controller.signal });
    controller.abort();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    const second = runtime.run(coroutines, { sink, signal: controller.signal });
    expect(await second.exited).toEqual({ code: null, reason: 'stopped' });
    expect(sandboxes).toHaveLength(1);
  });

  it('refuses a static import cycle before making a sandbox, saying why in the terminal', async () => {
    const { runtime, sandboxes, output, sink } = setup();
    const handle = runtime.run(
      { id: 'x', command: 'node a.js', files: [{ path: 'a.js', contents: "import './b.js';" }, { path: 'b.js', contents: "import './a.js';" }] },
      { sink },
    );
    const exit = await handle.exited;
    expect(exit.reason).toBe('error');
    expect(exit.message).toMatch(/^The Web Worker runtime cannot run files that import each other in a circle \(a\.js → b\.js → a\.js\)/);
    expect(output.join('')).toBe(`${exit.message}\n`);
    expect(sandboxes).toHaveLength(0);
  });

  it('reports a worker that fails to start (no module workers, a CSP) as a runtime error', async () => {
    const { runtime, sandboxes, sink } = setup();
    const handle = runtime.run(coroutines, { sink });
    sandboxes[0]!.post({ type: 'failed', message: 'Failed to load worker script' });
    expect(await handle.exited).toEqual({
      code: null,
      reason: 'error',
      message: 'The Web Worker failed before the program could run: Failed to load worker script.',
    });
  });

  it('asks a silent sandbox whether it is there, and ends the run when it does not answer: its process is gone', async () => {
    const { runtime, sandboxes, sink, output, watch: clock } = setup();
    const handle = runtime.run(coroutines, { sink });
    const [sandbox] = sandboxes as [FakeSandbox];
    // A beating frame is left alone, however long the run (a `while (true);` keeps the frame free).
    for (let i = 0; i < 20; i++) {
      clock.advance(500);
      sandbox.post({ type: 'beat' });
    }
    expect(sandbox.sent).toEqual([]);
    clock.advance(SILENCE_MS);
    expect(sandbox.sent).toEqual([{ type: 'ping' }]);
    clock.advance(ANSWER_MS);
    expect(await handle.exited).toEqual({ code: null, reason: 'error', message: GONE_MESSAGE });
    expect(output.join('')).toBe(`${GONE_MESSAGE}\n`);
    expect(sandbox.disposed).toBe(true);
  });

  it('keeps a run whose sandbox answers the question, and judges no silence while the tab is hidden', async () => {
    const { runtime, sandboxes, sink, watch: clock } = setup();
    const handle = runtime.run(coroutines, { sink });
    const [sandbox] = sandboxes as [FakeSandbox];
    clock.advance(SILENCE_MS);
    expect(sandbox.sent).toEqual([{ type: 'ping' }]);
    sandbox.post({ type: 'beat' });
    clock.advance(ANSWER_MS);
    clock.isHidden = true;
    clock.advance(10 * 60_000);
    clock.isHidden = false;
    clock.advance(500);
    expect(sandbox.sent).toEqual([{ type: 'ping' }]);
    handle.stop();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
  });

  it('is available where Workers and Blob URLs exist, and says why not elsewhere', async () => {
    expect(await new WorkerRuntime({ scope: { Worker: class {}, Blob: class {}, URL: { createObjectURL: () => '' } } }).available()).toEqual({
      ok: true,
      why: 'Web Workers need neither cross-origin isolation nor the network',
    });
    expect(await new WorkerRuntime({ scope: {} }).available()).toEqual({ ok: false, why: 'this browser has no Web Workers' });
  });
});
