import { describe, expect, it } from 'vitest';
import { workerBootstrapSource, workerMain, type WorkerErrorEvent, type WorkerScope } from './worker-main.ts';
import type { FromWorker, WorkerConfig } from './worker-protocol.ts';

const config = (overrides: Partial<WorkerConfig> = {}): WorkerConfig => ({
  entryUrl: 'blob:x/main',
  pathOf: { 'blob:x/main': 'main.js' },
  entry: 'main.js',
  argv: ['node', '/demo/main.js', 'stall'],
  env: { GREETING: 'hi' },
  flushChars: 16 * 1024,
  flushMs: 16,
  ...overrides,
});

/** A worker global scope over Node's own timers, recording what the worker posts. */
function fakeScope() {
  const posted: FromWorker[] = [];
  const listeners: Record<string, (event: WorkerErrorEvent) => void> = {};
  let exit!: (message: FromWorker) => void;
  const exited = new Promise<FromWorker>((resolve) => (exit = resolve));
  const scope: WorkerScope = {
    postMessage: (message) => {
      posted.push(message);
      if (message.type === 'exit') exit(message);
    },
    setTimeout: setTimeout as unknown as WorkerScope['setTimeout'],
    clearTimeout: clearTimeout as unknown as WorkerScope['clearTimeout'],
    setInterval: setInterval as unknown as WorkerScope['setInterval'],
    clearInterval: clearInterval as unknown as WorkerScope['clearInterval'],
    addEventListener: (type, listener) => void (listeners[type] = listener),
    console: {},
    queueMicrotask,
  };
  const output = () => posted.flatMap((m) => (m.type === 'output' ? [m.text] : [])).join('');
  const raise = (type: string, event: Partial<WorkerErrorEvent>) => listeners[type]!({ preventDefault() {}, ...event });
  return { scope, posted, exited, output, raise };
}

// The "module": what a demo's entry would do once its imports have loaded.
const program = (scope: WorkerScope, body: (g: any) => unknown) => async () => {
  (scope['__asyncTalkStarted'] as () => void)();
  await body(scope);
};

describe('workerMain', () => {
  it('captures console and process.stdout, then exits 0 once the last timer has run', async () => {
    const { scope, exited, output, posted } = fakeScope();
    workerMain(config(), scope, program(scope, (g) => {
      g.console.log('hello', { a: [1, 'two'] }, 3n);
      g.process.stdout.write('raw ');
      g.setTimeout(() => g.console.error('late', g.process.argv[2], g.process.env.GREETING), 30);
    }));
    expect(await exited).toEqual({ type: 'exit', code: 0 });
    expect(output()).toBe("hello { a: [ 1, 'two' ] } 3n\nraw late stall hi\n");
    expect(posted.at(-1)!.type).toBe('exit');
  });

  it('keeps running while an interval is set, and ends when it is cleared', async () => {
    const { scope, exited, output } = fakeScope();
    workerMain(config(), scope, program(scope, (g) => {
      let ticks = 0;
      const id = g.setInterval(() => {
        g.console.log(`tick ${++ticks}`);
        if (ticks === 3) g.clearInterval(id);
      }, 5);
    }));
    expect(await exited).toEqual({ type: 'exit', code: 0 });
    expect(output()).toBe('tick 1\ntick 2\ntick 3\n');
  });

  it('waits for a tracked dynamic import and what it schedules (coroutines imports greenlets.js)', async () => {
    const { scope, exited, output } = fakeScope();
    workerMain(config(), scope, program(scope, async (g) => {
      const imported = new Promise((resolve) => setTimeout(resolve, 20)).then(() => {
        g.setTimeout(() => g.console.log('greenlet ran'), 10);
      });
      await g.__asyncTalkTrack(imported);
    }));
    expect(await exited).toEqual({ type: 'exit', code: 0 });
    expect(output()).toBe('greenlet ran\n');
  });

  it('counts a nested Worker as work until it is terminated', async () => {
    const { scope, exited, output } = fakeScope();
    const terminated: string[] = [];
    scope.Worker = class {
      constructor(readonly url: string) {}
      terminate() { terminated.push(this.url); }
    } as unknown as NonNullable<WorkerScope['Worker']>;
    workerMain(config(), scope, program(scope, (g) => {
      const worker = new g.Worker('blob:pool');
      setTimeout(() => {
        g.console.log('answer from the thread');
        worker.terminate();
      }, 30);
    }));
    expect(await exited).toEqual({ type: 'exit', code: 0 });
    expect(output()).toBe('answer from the thread\n');
    expect(terminated).toEqual(['blob:pool']);
  });

  it('honours process.exit(code) and process.exitCode', async () => {
    const first = fakeScope();
    workerMain(config(), first.scope, program(first.scope, (g) => {
      g.console.log('before');
      g.process.exit(3);
    }));
    expect(await first.exited).toEqual({ type: 'exit', code: 3 });
    expect(first.output()).toBe('before\n');

    const second = fakeScope();
    workerMain(config(), second.scope, program(second.scope, (g) => void (g.process.exitCode = 2)));
    expect(await second.exited).toEqual({ type: 'exit', code: 2 });
  });

  it('reports an uncaught error with the file named, and exits 1', async () => {
    const { scope, exited, output, raise } = fakeScope();
    workerMain(config(), scope, program(scope, (g) => g.setTimeout(() => {}, 1000)));
    const error = new Error('boom');
    error.stack = 'Error: boom\n    at blob:x/main:4:9';
    raise('error', { error });
    expect(await exited).toEqual({ type: 'exit', code: 1 });
    expect(output()).toBe('Uncaught Error: boom\n    at main.js:4:9\n');
  });

  it('reports an unhandled rejection as Node does, and exits 1', async () => {
    const { scope, exited, output, raise } = fakeScope();
    workerMain(config(), scope, program(scope, (g) => g.setTimeout(() => {}, 1000)));
    raise('unhandledrejection', { reason: 'nope' });
    expect(await exited).toEqual({ type: 'exit', code: 1 });
    expect(output()).toBe("Uncaught (in promise) 'nope'\n");
  });

  it('explains a syntax error: which file, and that the program did not start', async () => {
    const { scope, exited, output } = fakeScope();
    workerMain(config(), scope, () => Promise.reject(new SyntaxError("Unexpected identifier 'wat'")));
    expect(await exited).toEqual({ type: 'exit', code: 1 });
    expect(output()).toBe(
      "SyntaxError in main.js: Unexpected identifier 'wat'\nThe program did not start. Fix the code and press Run again.\n",
    );
  });

  it('ends a top-level await that nothing can resolve with Node\'s code 13', async () => {
    const { scope, exited, output } = fakeScope();
    workerMain(config(), scope, program(scope, () => new Promise(() => {})));
    expect(await exited).toEqual({ type: 'exit', code: 13, message: 'Warning: Detected unsettled top-level await' });
    expect(output()).toBe('Warning: Detected unsettled top-level await\n');
  });

  it('posts output during a busy loop, in chunks rather than one message per line', async () => {
    const { scope, exited, posted } = fakeScope();
    workerMain(config({ flushChars: 1000, flushMs: 1e9 }), scope, program(scope, (g) => {
      for (let n = 0; n < 10_000; n++) g.console.log(`line ${n}`);
    }));
    await exited;
    const outputs = posted.filter((m) => m.type === 'output');
    expect(outputs.length).toBeGreaterThan(50);
    expect(outputs.length).toBeLessThan(200);
  });
});

describe('workerBootstrapSource', () => {
  it('is self-contained: it runs with nothing but a global scope and a module loader', async () => {
    const source = workerBootstrapSource(config());
    const [first, ...rest] = source.split('\n');
    expect(first).toBe('const load = (url) => import(url);');
    const { scope, exited, output } = fakeScope();
    const loaded: string[] = [];
    const load = async (url: string) => {
      loaded.push(url);
      (scope['__asyncTalkStarted'] as () => void)();
      (scope.console['log'] as (text: string) => void)('from the bootstrap');
    };
    new Function('self', 'load', rest.join('\n'))(scope, load);
    expect(await exited).toEqual({ type: 'exit', code: 0 });
    expect(loaded).toEqual(['blob:x/main']);
    expect(output()).toBe('from the bootstrap\n');
  });
});
