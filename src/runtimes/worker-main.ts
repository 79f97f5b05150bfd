// What runs inside the demo's worker. `workerMain` is serialised with Function.prototype.toString
// into the worker's bootstrap, so it must be self-contained: it may use only its parameters and
// globals, never anything imported or declared in this module (types excepted). Tests call it
// directly against a fake global scope.
//
// When has the program finished? Node exits when its event loop has nothing left to wait for.
// A worker never does, so this counts the work the program can still be waiting on: pending
// timeouts and intervals, nested Workers not yet terminated, fetches, and dynamic imports of its
// own files. When that count is zero after the entry module has settled, and still zero two
// macrotask turns later (so queued messages, e.g. a MessageChannel "sleep(0)", get their turn),
// the program is done and the worker posts `exit`. Untracked sources of work (a MessagePort
// nobody posts to, a WebSocket) are not waited for; the demos use none.
import type { FromWorker, WorkerConfig } from './worker-protocol.ts';

/** The parts of a worker's global scope that workerMain uses or replaces. */
export interface WorkerScope {
  postMessage(message: FromWorker): void;
  setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  clearTimeout(id: number | undefined): void;
  setInterval(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  clearInterval(id: number | undefined): void;
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: WorkerErrorEvent) => void): void;
  console: Record<string, unknown>;
  queueMicrotask(callback: () => void): void;
  Worker?: new (url: string | URL, options?: unknown) => { terminate(): void };
  fetch?: (...args: unknown[]) => Promise<unknown>;
  process?: unknown;
  [name: string]: unknown;
}

/** ErrorEvent and PromiseRejectionEvent, as far as they are used. */
export interface WorkerErrorEvent {
  error?: unknown;
  reason?: unknown;
  message?: string;
  preventDefault(): void;
}

export function workerMain(config: WorkerConfig, scope: WorkerScope, load: (url: string) => Promise<unknown>): void {
  const realSetTimeout = scope.setTimeout.bind(scope);
  const realClearTimeout = scope.clearTimeout.bind(scope);
  const realSetInterval = scope.setInterval.bind(scope);
  const realClearInterval = scope.clearInterval.bind(scope);
  const clock = () => Date.now();

  let finished = false;
  let started = false;
  let moduleSettled = false;
  let buffer = '';
  let lastPost = clock();
  let postQueued = false;

  // Output: posted in chunks, checked on every write, so a busy loop that prints still shows
  // progress and a flood costs one message per flushChars, not one per line.
  const post = () => {
    postQueued = false;
    lastPost = clock();
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    scope.postMessage({ type: 'output', text });
  };
  const write = (text: string) => {
    if (finished) return;
    buffer += text;
    if (buffer.length >= config.flushChars || clock() - lastPost >= config.flushMs) post();
    else if (!postQueued) {
      postQueued = true;
      realSetTimeout(post, 0);
    }
  };
  const finish = (code: number, message?: string) => {
    if (finished) return;
    post();
    finished = true;
    scope.postMessage(message === undefined ? { type: 'exit', code } : { type: 'exit', code, message });
  };

  // console.* formatted roughly like Node's util.inspect, without pulling it in.
  const inspect = (value: unknown, depth: number, seen: unknown[]): string => {
    if (typeof value === 'string') return depth === 0 ? value : `'${value}'`;
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'function') return `[Function: ${value.name || '(anonymous)'}]`;
    if (typeof value !== 'object' || value === null) return String(value);
    if (value instanceof Error) return describeError(value);
    if (seen.includes(value)) return '[Circular]';
    if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
    const inner = [...seen, value];
    if (Array.isArray(value)) return `[ ${value.map((item) => inspect(item, depth + 1, inner)).join(', ')} ]`;
    if (value instanceof Map) return `Map(${value.size}) { ${[...value].map(([k, v]) => `${inspect(k, depth + 1, inner)} => ${inspect(v, depth + 1, inner)}`).join(', ')} }`;
    if (value instanceof Set) return `Set(${value.size}) { ${[...value].map((v) => inspect(v, depth + 1, inner)).join(', ')} }`;
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${inspect(v, depth + 1, inner)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  };
  const nameFiles = (text: string) => {
    let named = text;
    for (const url of Object.keys(config.pathOf)) named = named.split(url).join(config.pathOf[url]!);
    return named;
  };
  const describeError = (error: unknown): string => {
    if (!(error instanceof Error)) return `${inspect(error, 1, [])}`;
    const head = `${error.name}: ${error.message}`;
    const stack = typeof error.stack === 'string' ? error.stack : '';
    // V8 starts the stack with the head; Firefox and Safari give only the frames.
    return nameFiles(stack.startsWith(head) ? stack : stack ? `${head}\n${stack}` : head);
  };
  const print = (...args: unknown[]) => write(`${args.map((arg) => inspect(arg, 0, [])).join(' ')}\n`);
  for (const method of ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir']) scope.console[method] = print;

  // Pending work, to know when the program is done (see the comment at the top of the module).
  const timers = new Set<number>();
  const intervals = new Set<number>();
  let otherWork = 0;
  const busy = () => timers.size + intervals.size + otherWork > 0;
  const checkIdle = () => {
    if (finished || !started || busy()) return;
    realSetTimeout(() => {
      realSetTimeout(() => {
        if (finished || busy()) return;
        if (moduleSettled) finish(typeof processShim.exitCode === 'number' ? processShim.exitCode : 0);
        // Node's own words and code for a top-level await that nothing will ever resolve.
        else {
          write('Warning: Detected unsettled top-level await\n');
          finish(13, 'Warning: Detected unsettled top-level await');
        }
      }, 0);
    }, 0);
  };
  const track = <T>(promise: Promise<T>): Promise<T> => {
    otherWork++;
    const done = () => {
      otherWork--;
      checkIdle();
    };
    promise.then(done, done);
    return promise;
  };
  scope['__asyncTalkTrack'] = track;
  scope['__asyncTalkStarted'] = () => {
    started = true;
    realSetTimeout(checkIdle, 0);
  };

  scope.setTimeout = (callback, ms, ...args) => {
    const id: number = realSetTimeout(() => {
      timers.delete(id);
      try {
        if (typeof callback === 'function') callback(...args);
      } finally {
        checkIdle();
      }
    }, ms);
    timers.add(id);
    return id;
  };
  scope.clearTimeout = (id) => {
    realClearTimeout(id);
    if (id !== undefined && timers.delete(id)) checkIdle();
  };
  scope.setInterval = (callback, ms, ...args) => {
    const id = realSetInterval(callback, ms, ...args);
    intervals.add(id);
    return id;
  };
  scope.clearInterval = (id) => {
    realClearInterval(id);
    if (id !== undefined && intervals.delete(id)) checkIdle();
  };
  const RealWorker = scope.Worker;
  if (RealWorker) {
    // A nested Worker (the thread-pool cure in blocking-stall) is work until it is terminated.
    const Tracked = function (url: string | URL, options?: unknown) {
      const worker = new RealWorker(url, options);
      const terminate = worker.terminate.bind(worker);
      otherWork++;
      let live = true;
      worker.terminate = () => {
        terminate();
        if (live) {
          live = false;
          otherWork--;
          checkIdle();
        }
      };
      return worker;
    };
    Tracked.prototype = RealWorker.prototype;
    scope.Worker = Tracked as unknown as typeof RealWorker;
  }
  const realFetch = scope.fetch;
  if (realFetch) scope.fetch = (...args) => track(realFetch.apply(scope, args));

  // A minimal `process`: enough for programs that print and read argv/env. No `versions.node`, so
  // a demo that checks for Node takes its browser path.
  const exitSignal = { exitRequested: true };
  const stream = { isTTY: false, write: (text: unknown) => (write(String(text)), true) };
  const processShim = {
    argv: config.argv,
    env: config.env,
    exitCode: undefined as number | undefined,
    platform: 'browser',
    stdout: stream,
    stderr: stream,
    cwd: () => '/demo',
    nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => scope.queueMicrotask(() => callback(...args)),
    on: () => processShim,
    exit(code?: number) {
      finish(code ?? processShim.exitCode ?? 0);
      throw exitSignal; // unwinds the caller, as process.exit never returns
    },
  };
  if (scope.process === undefined) scope.process = processShim;

  // Uncaught errors end the program with code 1, as in Node.
  const uncaught = (error: unknown, prefix: string) => {
    if (finished || error === exitSignal) return;
    write(`${prefix}${describeError(error)}\n`);
    finish(1);
  };
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    uncaught(event.error ?? event.message, 'Uncaught ');
  });
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    uncaught(event.reason, 'Uncaught (in promise) ');
  });

  load(config.entryUrl).then(
    () => {
      moduleSettled = true;
      checkIdle();
    },
    (error: unknown) => {
      moduleSettled = true;
      if (finished || error === exitSignal) return;
      if (error instanceof Error && error.name === 'SyntaxError' && !started) {
        const where = Object.keys(config.pathOf).length > 1 ? `${config.entry} or a file it imports` : config.entry;
        write(`SyntaxError in ${where}: ${nameFiles(error.message)}\nThe program did not start. Fix the code and press Run again.\n`);
        finish(1);
      } else uncaught(error, 'Uncaught ');
    },
  );
}

/**
 * The bootstrap script of the worker (a classic one: see sandbox-frame.ts). `import()` is written
 * here, in a string, so no bundler rewrites it; it loads the demo's own files as ES modules.
 */
export function workerBootstrapSource(config: WorkerConfig): string {
  return `const load = (url) => import(url);\n(${workerMain.toString()})(${JSON.stringify(config)}, self, load);\n`;
}
