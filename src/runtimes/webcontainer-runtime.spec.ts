import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBoots, runWithFallback } from './run-with-fallback.ts';
import type { DemoToRun, Runtime } from './runtime.ts';
import {
  pageSlot,
  teardownWebContainer,
  toFileTree,
  WebContainerRuntime,
  type BootOptions,
  type ContainerLike,
  type ContainerSlot,
  type FileTree,
  type ProcessLike,
} from './webcontainer-runtime.ts';

// An in-memory stand-in for the narrow part of @webcontainer/api the adapter uses.
class FakeProcess implements ProcessLike {
  readonly output: ReadableStream<string>;
  readonly exit: Promise<number>;
  killed = false;
  outputCancelled = false;
  #stream!: ReadableStreamDefaultController<string>;
  #exit!: (code: number) => void;
  constructor(readonly command: string, readonly args: string[], readonly options: unknown) {
    this.output = new ReadableStream<string>({
      start: (controller) => void (this.#stream = controller),
      cancel: () => void (this.outputCancelled = true),
    });
    this.exit = new Promise((resolve) => (this.#exit = resolve));
  }
  print(text: string) {
    this.#stream.enqueue(text);
  }
  /** Exits; `closeOutput: false` models a stream that never closes. */
  finish(code: number, closeOutput = true) {
    if (closeOutput && !this.outputCancelled) this.#stream.close();
    this.#exit(code);
  }
  kill() {
    this.killed = true;
  }
}

type Listener = (...args: never[]) => void;

class FakeContainer implements ContainerLike {
  files: FileTree = {};
  removed: string[] = [];
  processes: FakeProcess[] = [];
  listeners = new Map<string, Set<Listener>>();
  tornDown = false;
  spawnError: Error | undefined;
  /** When set, spawn waits for this before answering. */
  spawnGate: Promise<void> | undefined;
  readonly fs = {
    rm: async (path: string, options?: { recursive?: boolean; force?: boolean }) => {
      expect(options).toEqual({ recursive: true, force: true });
      this.removed.push(path);
      delete this.files[path];
    },
  };
  async mount(tree: FileTree) {
    Object.assign(this.files, tree);
  }
  spawnCalls = 0;
  async spawn(command: string, args: string[], options?: unknown) {
    this.spawnCalls++;
    await this.spawnGate;
    if (this.spawnError) throw this.spawnError;
    const process = new FakeProcess(command, args, options);
    this.processes.push(process);
    return process;
  }
  on(event: string, listener: Listener) {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener);
    return () => void set.delete(listener);
  }
  emit(event: 'server-ready' | 'port', ...args: unknown[]) {
    this.listeners.get(event)?.forEach((listener) => (listener as (...a: unknown[]) => void)(...args));
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
  teardown() {
    this.tornDown = true;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const isolated = { crossOriginIsolated: true, SharedArrayBuffer, Worker: class {} };

function setup(options: { boot?: (options: BootOptions) => Promise<ContainerLike>; slot?: ContainerSlot } = {}) {
  const containers: FakeContainer[] = [];
  const boots: BootOptions[] = [];
  const boot =
    options.boot ??
    (async (bootOptions: BootOptions) => {
      boots.push(bootOptions);
      const container = new FakeContainer();
      containers.push(container);
      return container;
    });
  const slot = options.slot ?? {};
  const runtime = new WebContainerRuntime({ boot, slot, scope: isolated });
  const output: string[] = [];
  const sink = { write: (text: string) => void output.push(text) };
  const container = () => containers[0]!;
  /** The process of the nth spawn, once the run has got that far. */
  const spawned = async (n = 0) => vi.waitFor(() => container().processes[n] ?? Promise.reject(new Error('not spawned yet')));
  return { runtime, slot, boots, containers, container, spawned, output, sink };
}

const chat: DemoToRun = {
  id: 'comet-chat',
  command: 'node server.js --verbose',
  port: 8000,
  files: [
    { path: 'server.js', contents: 'import "./lib/page.js";' },
    { path: 'lib/page.js', contents: 'export const page = "<h1>chat</h1>";' },
    { path: 'lib/deep/x.js', contents: 'export {};' },
  ],
};
const hello: DemoToRun = { id: 'hello', command: 'node main.js', files: [{ path: 'main.js', contents: 'console.log("hi")' }] };

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('async-talk.webcontainer')];
});

describe('WebContainerRuntime.available', () => {
  it('says why it cannot boot on a page that is not cross-origin isolated, without booting', async () => {
    const boot = vi.fn();
    const runtime = new WebContainerRuntime({ boot, scope: { crossOriginIsolated: false, SharedArrayBuffer, navigator: { serviceWorker: {} } } });
    expect(await runtime.available()).toEqual({ ok: false, why: 'this page is not cross-origin isolated' });
    // Without a service worker the site cannot add the headers itself, and the reader is told so.
    const noServiceWorker = new WebContainerRuntime({ boot, scope: { crossOriginIsolated: false, SharedArrayBuffer, navigator: {} } });
    expect(await noServiceWorker.available()).toEqual({
      ok: false,
      why: 'this page is not cross-origin isolated (its host sends no isolation headers, and this browser gives the site no service worker to add them, as in some private windows)',
    });
    const noSab = new WebContainerRuntime({ boot, scope: { crossOriginIsolated: true } });
    expect(await noSab.available()).toEqual({ ok: false, why: 'this browser has no SharedArrayBuffer' });
    expect(boot).not.toHaveBeenCalled();
  });

  it('is available on an isolated page, still without booting', async () => {
    const { runtime, boots } = setup();
    expect(await runtime.available()).toEqual({ ok: true, why: 'this page is cross-origin isolated' });
    expect(boots).toHaveLength(0);
  });
});

describe('booting', () => {
  it('boots on the first prepare only, with the COEP the site serves', async () => {
    const { runtime, boots } = setup();
    expect(boots).toHaveLength(0);
    await runtime.prepare(new AbortController().signal);
    await runtime.prepare(new AbortController().signal);
    expect(boots).toEqual([{ coep: 'require-corp', workdirName: 'async-talk' }]);
  });

  it('never boots twice, even when two runs and a prepare start at once', async () => {
    const gate = deferred<ContainerLike>();
    const boot = vi.fn(() => gate.promise);
    const { runtime, sink } = setup({ boot });
    const first = runtime.run(hello, { sink });
    const second = runtime.run(hello, { sink });
    const prepared = runtime.prepare(new AbortController().signal);
    const container = new FakeContainer();
    gate.resolve(container);
    await prepared;
    await vi.waitFor(() => expect(container.processes).toHaveLength(2));
    container.processes.forEach((p) => p.finish(0));
    await Promise.all([first.exited, second.exited]);
    expect(boot).toHaveBeenCalledTimes(1);
  });

  it('keeps one instance per page on globalThis, shared by every runtime object (it survives navigation)', async () => {
    const boot = vi.fn(async () => new FakeContainer());
    expect(pageSlot()).toBe(pageSlot());
    const before = new WebContainerRuntime({ boot, scope: isolated });
    await before.prepare(new AbortController().signal);
    // After a client-side navigation the workbench makes a new runtime object: it must not reboot.
    const after = new WebContainerRuntime({ boot, scope: isolated });
    await after.prepare(new AbortController().signal);
    expect(boot).toHaveBeenCalledTimes(1);
    expect((globalThis as Record<symbol, ContainerSlot>)[Symbol.for('async-talk.webcontainer')]?.booting).toBeDefined();
  });

  it('tells the page once the instance is booted, and not when the boot fails', async () => {
    let attempts = 0;
    const boot = vi.fn(async () => {
      if (++attempts === 1) throw new Error('StackBlitz could not be reached');
      return new FakeContainer();
    });
    const onBooted = vi.fn();
    const runtime = new WebContainerRuntime({ boot, slot: {}, scope: isolated, onBooted });
    await expect(runtime.prepare(new AbortController().signal)).rejects.toThrow('StackBlitz could not be reached');
    expect(onBooted).not.toHaveBeenCalled();
    await runtime.prepare(new AbortController().signal);
    expect(onBooted).toHaveBeenCalledTimes(1);
  });

  it('stops waiting for a boot that never answers when the signal aborts; a later run joins it instead of booting again', async () => {
    const gate = deferred<ContainerLike>();
    const boot = vi.fn(() => gate.promise);
    const { runtime, sink, output } = setup({ boot });
    const timedOut = new AbortController();
    const waiting = runtime.prepare(timedOut.signal);
    timedOut.abort(new Error('it did not answer within 20 s'));
    await expect(waiting).rejects.toThrow('it did not answer within 20 s');

    const handle = runtime.run(hello, { sink });
    const container = new FakeContainer();
    gate.resolve(container);
    await vi.waitFor(() => expect(container.processes).toHaveLength(1));
    container.processes[0]!.print('hi\n');
    container.processes[0]!.finish(0);
    expect(await handle.exited).toEqual({ code: 0, reason: 'exit' });
    expect(output.join('')).toBe('hi\n');
    expect(boot).toHaveBeenCalledTimes(1);
  });

  it('with the fallback policy, a boot that never answers costs the run only the grace', async () => {
    const { runtime, sink } = setup({ boot: () => new Promise(() => {}) });
    const worker: Runtime = {
      id: 'worker',
      available: async () => ({ ok: true, why: 'Web Workers need neither cross-origin isolation nor the network' }),
      run: () => ({ exited: Promise.resolve({ code: 0, reason: 'exit' }), stop() {} }),
    };
    const result = await runWithFallback({
      demo: { ...hello, runtimes: ['webcontainer', 'worker'] },
      runtimes: [runtime, worker],
      boots: createBoots(),
      graceMs: 20,
      signal: new AbortController().signal,
      sink,
    });
    expect(result.ran).toBe('worker');
    expect(result.skipped).toEqual([{ id: 'webcontainer', reason: 'slow', why: 'was still booting after 0 s' }]);
  });

  it('a failed boot ends the run with reason error and says why; the next run boots again', async () => {
    let attempts = 0;
    const boot = vi.fn(async () => {
      if (++attempts === 1) throw new Error('StackBlitz could not be reached');
      return new FakeContainer();
    });
    const { runtime, sink, output } = setup({ boot });
    const exit = await runtime.run(hello, { sink }).exited;
    expect(exit.reason).toBe('error');
    expect(exit.code).toBeNull();
    expect(exit.message).toBe(
      'WebContainer could not boot (StackBlitz could not be reached)',
    );
    expect(output.join('')).toBe(`${exit.message}\n`);
    await runtime.prepare(new AbortController().signal);
    expect(boot).toHaveBeenCalledTimes(2);
  });

  it('teardownWebContainer tears the instance down, and the next run boots a fresh one', async () => {
    const { runtime, slot, containers, boots } = setup();
    await runtime.prepare(new AbortController().signal);
    await teardownWebContainer(slot);
    expect(containers[0]!.tornDown).toBe(true);
    await runtime.prepare(new AbortController().signal);
    expect(boots).toHaveLength(2);
  });
});

describe('WebContainerRuntime.run', () => {
  it('mounts the files as a nested tree in a fresh directory and spawns node with the arguments', async () => {
    const { runtime, container, spawned, sink } = setup();
    runtime.run(chat, { sink, env: { DEBUG: '1' } });
    const process = await spawned();
    expect(container().removed).toEqual(['comet-chat']);
    expect(container().files).toEqual({
      'comet-chat': {
        directory: {
          'server.js': { file: { contents: 'import "./lib/page.js";' } },
          lib: {
            directory: {
              'page.js': { file: { contents: 'export const page = "<h1>chat</h1>";' } },
              deep: { directory: { 'x.js': { file: { contents: 'export {};' } } } },
            },
          },
        },
      },
    });
    expect(process.command).toBe('node');
    expect(process.args).toEqual(['server.js', '--verbose']);
    expect(process.options).toEqual({ cwd: 'comet-chat', env: { DEBUG: '1', PORT: '8000' } });
  });

  it('streams output to the sink as it comes, and settles with the exit code after the last byte', async () => {
    const { runtime, spawned, sink, output, container } = setup();
    const handle = runtime.run(hello, { sink });
    const process = await spawned();
    process.print('one\n');
    await vi.waitFor(() => expect(output.join('')).toBe('one\n'));
    process.print('two\n');
    process.finish(3);
    expect(await handle.exited).toEqual({ code: 3, reason: 'exit' });
    expect(output.join('')).toBe('one\ntwo\n');
    expect(process.killed).toBe(false);
    expect(container().listenerCount()).toBe(0);
  });

  it('settles even if the output stream never closes after exit', async () => {
    const { runtime, spawned, sink } = setup();
    const handle = runtime.run(hello, { sink });
    (await spawned()).finish(0, false);
    expect(await handle.exited).toEqual({ code: 0, reason: 'exit' });
  });

  it('stop() kills the process, cancels its output and releases the server listeners', async () => {
    const { runtime, spawned, sink, container } = setup();
    const handle = runtime.run(chat, { sink, onServerReady: () => {} });
    const process = await spawned();
    expect(container().listenerCount()).toBe(2);
    handle.stop();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    expect(process.killed).toBe(true);
    expect(process.outputCancelled).toBe(true);
    expect(container().listenerCount()).toBe(0);
    process.finish(143);
    handle.stop();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
  });

  it('aborting the signal while the process is starting kills it as soon as it exists', async () => {
    const { runtime, sink, containers } = setup();
    await runtime.prepare(new AbortController().signal);
    const container = containers[0]!;
    const gate = deferred<void>();
    container.spawnGate = gate.promise;
    const controller = new AbortController();
    const handle = runtime.run(hello, { sink, signal: controller.signal });
    await vi.waitFor(() => expect(container.spawnCalls).toBe(1));
    controller.abort();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    gate.resolve();
    await vi.waitFor(() => expect(container.processes[0]?.killed).toBe(true));
  });

  it('an already aborted signal ends the run as stopped without booting', async () => {
    const { runtime, sink, boots } = setup();
    const controller = new AbortController();
    controller.abort();
    expect(await runtime.run(hello, { sink, signal: controller.signal }).exited).toEqual({ code: null, reason: 'stopped' });
    await Promise.resolve();
    expect(boots).toHaveLength(0);
  });

  it("reports the preview URL once when server-ready fires for the demo's port, ignoring other ports", async () => {
    const { runtime, spawned, sink, container } = setup();
    const ready = vi.fn();
    runtime.run(chat, { sink, onServerReady: ready });
    await spawned();
    container().emit('server-ready', 5173, 'https://other.webcontainer.io');
    expect(ready).not.toHaveBeenCalled();
    container().emit('server-ready', 8000, 'https://chat.webcontainer.io');
    container().emit('port', 8000, 'open', 'https://chat.webcontainer.io');
    expect(ready).toHaveBeenCalledExactlyOnceWith(8000, 'https://chat.webcontainer.io');
  });

  it("reports the preview URL from a 'port' open event too, but not from a close", async () => {
    const { runtime, spawned, sink, container } = setup();
    const ready = vi.fn();
    runtime.run(chat, { sink, onServerReady: ready });
    await spawned();
    container().emit('port', 8000, 'close', 'https://chat.webcontainer.io');
    expect(ready).not.toHaveBeenCalled();
    container().emit('port', 8000, 'open', 'https://chat.webcontainer.io');
    expect(ready).toHaveBeenCalledExactlyOnceWith(8000, 'https://chat.webcontainer.io');
  });

  it('a spawn failure ends the run with reason error, naming the command', async () => {
    const { runtime, sink, containers, output } = setup();
    await runtime.prepare(new AbortController().signal);
    containers[0]!.spawnError = new Error('ENOENT: node');
    const exit = await runtime.run(hello, { sink }).exited;
    expect(exit).toEqual({
      code: null,
      reason: 'error',
      message: 'WebContainer could not start "node main.js" (ENOENT: node)',
    });
    expect(output.join('')).toContain('could not start "node main.js"');
  });

  it('a command that is not "node <file>" ends the run with reason error before booting', async () => {
    const { runtime, sink, boots } = setup();
    const exit = await runtime.run({ ...hello, command: 'deno main.js' }, { sink }).exited;
    expect(exit.reason).toBe('error');
    expect(exit.message).toContain('it must be "node <file> [args…]"');
    expect(boots).toHaveLength(0);
  });
});

describe('toFileTree', () => {
  it('nests directories and refuses paths that leave the demo or clash', () => {
    expect(toFileTree([{ path: './a/b.js', contents: 'x' }])).toEqual({ a: { directory: { 'b.js': { file: { contents: 'x' } } } } });
    expect(() => toFileTree([{ path: '../etc/passwd', contents: '' }])).toThrow('must be relative and stay inside the demo');
    expect(() => toFileTree([{ path: '/abs.js', contents: '' }])).toThrow('must be relative');
    expect(() =>
      toFileTree([
        { path: 'lib', contents: '' },
        { path: 'lib/x.js', contents: '' },
      ]),
    ).toThrow('"lib" is a file, not a directory');
  });
});
