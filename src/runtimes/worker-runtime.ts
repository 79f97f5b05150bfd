// The worker runtime: a demo written against web-standard JS (timers, promises, console,
// performance) runs in a dedicated module Worker built from Blob URLs. It needs neither
// cross-origin isolation nor the network. The Worker lives in a sandboxed frame of its own
// (sandbox-frame.ts): an opaque origin with no network, in its own process. Stop removes the
// frame: even `while (true);`, or a flood of messages, ends at once, because nothing in it has
// to cooperate.
import { formatDropped, frameScheduler, type BatcherOptions, type Scheduler } from './output-batcher.ts';
import { LinkError, linkModules } from './module-linker.ts';
import { parseCommand, type Availability, type DemoToRun, type RunHandle, type RunOptions, type Runtime } from './runtime.ts';
import { createSandboxFrame, type CreateSandbox } from './sandbox-frame.ts';
import { startRunTask } from './task.ts';
import { workerBootstrapSource } from './worker-main.ts';
import { isFromSandbox, type WorkerConfig } from './worker-protocol.ts';

/** The page's clock and timers, injected so tests can move time. */
export interface Watch {
  now(): number;
  every(callback: () => void, ms: number): () => void;
  /** A hidden tab's timers are throttled (to once a minute after five minutes): silence proves nothing there. */
  hidden(): boolean;
}

export interface WorkerRuntimeOptions {
  createSandbox?: CreateSandbox;
  /** Where feature detection looks (globalThis in a page). */
  scope?: { Worker?: unknown; Blob?: unknown; URL?: { createObjectURL?: unknown } };
  batcher?: BatcherOptions;
  /** Worker-side output chunking; see WorkerConfig. */
  flushChars?: number;
  flushMs?: number;
  /** The most output the frame holds undelivered (see SandboxStart), and the most trace lines it keeps. */
  maxPendingChars?: number;
  /** When the page takes the next message: the next frame (see below). */
  ackScheduler?: Scheduler;
  watch?: Watch;
}

/** What the frame holds undelivered by default: a few frames' worth of a busy terminal. */
const DEFAULT_MAX_PENDING_CHARS = 256 * 1024;

/** A frame silent this long is asked whether it is still there... */
export const SILENCE_MS = 3000;
/** ...and one that does not answer within this is taken for gone. */
export const ANSWER_MS = 2000;

export const GONE_MESSAGE =
  'The demo stopped answering and was ended: its process most likely ran out of memory, or was ' +
  'flooded with messages. This page is unharmed; press Run to start again.';

const pageWatch: Watch = {
  now: () => performance.now(),
  every(callback, ms) {
    const id = setInterval(callback, ms);
    return () => clearInterval(id);
  },
  hidden: () => document.hidden,
};

export class WorkerRuntime implements Runtime {
  readonly id = 'worker';
  readonly #createSandbox: CreateSandbox;
  readonly #scope: NonNullable<WorkerRuntimeOptions['scope']>;
  readonly #options: WorkerRuntimeOptions;

  constructor(options: WorkerRuntimeOptions = {}) {
    this.#createSandbox = options.createSandbox ?? createSandboxFrame;
    this.#scope = options.scope ?? (globalThis as WorkerRuntimeOptions['scope'] & object);
    this.#options = options;
  }

  async available(): Promise<Availability> {
    const scope = this.#scope;
    if (typeof scope.Worker !== 'function') return { ok: false, why: 'this browser has no Web Workers' };
    if (typeof scope.Blob !== 'function' || typeof scope.URL?.createObjectURL !== 'function') {
      return { ok: false, why: 'this browser cannot make Blob URLs for the demo files' };
    }
    return { ok: true, why: 'Web Workers need neither cross-origin isolation nor the network' };
  }

  run(demo: DemoToRun, options: RunOptions): RunHandle {
    return startRunTask({ ...options, batcher: this.#options.batcher }, (task) => {
      const watch = this.#options.watch ?? pageWatch;
      let sandbox: ReturnType<CreateSandbox>;
      try {
        const { entry, args } = parseCommand(demo.command);
        // Linked here with placeholders; the frame makes the Blob URLs (see SandboxStart).
        const token = `__asyncTalkModule${Math.random().toString(36).slice(2)}_`;
        const modules: string[] = [];
        const placeholder = (source: string) => `${token}${modules.push(source) - 1}_`;
        const linked = linkModules(demo.files, entry, placeholder);
        const config: WorkerConfig = {
          entryUrl: linked.entryUrl,
          pathOf: Object.fromEntries(linked.pathOf),
          entry,
          argv: ['node', `/demo/${entry}`, ...args],
          env: { ...options.env },
          flushChars: this.#options.flushChars ?? 16 * 1024,
          flushMs: this.#options.flushMs ?? 16,
        };
        placeholder(workerBootstrapSource(config));
        const maxPendingChars = this.#options.maxPendingChars ?? DEFAULT_MAX_PENDING_CHARS;
        sandbox = this.#createSandbox({
          type: 'start',
          token,
          modules,
          name: `demo ${demo.id}`,
          maxPendingChars,
          // As many trace lines kept as output held: the page takes no more in one message.
          maxKeptChars: maxPendingChars,
          keepLinesStartingWith: options.keepLinesStartingWith,
        });
      } catch (error) {
        return task.fail(error instanceof LinkError ? error.message : `The Web Worker could not start: ${(error as Error).message}`);
      }
      task.onCleanup(() => {
        sandbox.onmessage = null;
        sandbox.dispose();
      });

      // The page takes one message a frame: the frame waits for the ack, so however fast the demo
      // writes, the page parses and draws at most one message's output between two frames.
      const ackScheduler = this.#options.ackScheduler ?? frameScheduler;
      let cancelAck: (() => void) | undefined;
      task.onCleanup(() => cancelAck?.());
      let heard = watch.now();
      let askedAt: number | undefined;
      sandbox.onmessage = (data) => {
        if (!isFromSandbox(data)) return;
        heard = watch.now();
        if (data.type === 'output') {
          if (data.skipped) task.output.write(data.skipped.kept + formatDropped(data.skipped.chars, data.skipped.lines));
          task.output.write(data.text);
          cancelAck = ackScheduler.schedule(() => {
            cancelAck = undefined;
            sandbox.send({ type: 'ack' });
          });
        } else if (data.type === 'exit') {
          task.settle(data.message === undefined ? { code: data.code, reason: 'exit' } : { code: data.code, reason: 'exit', message: data.message });
        } else if (data.type === 'failed') {
          // Only failures of the worker itself: the program's own errors are caught inside and
          // reported as output (no module workers, a bootstrap bug).
          task.fail(`The Web Worker failed before the program could run: ${data.message}.`);
        }
      };
      // The frame beats twice a second. One that stops, and then does not answer, has lost its
      // process: the browser gives no event for that.
      const stopWatching = watch.every(() => {
        const now = watch.now();
        if (watch.hidden()) {
          heard = now;
          askedAt = undefined;
        } else if (askedAt !== undefined) {
          if (heard >= askedAt) askedAt = undefined;
          else if (now - askedAt >= ANSWER_MS) task.fail(GONE_MESSAGE);
        } else if (now - heard >= SILENCE_MS) {
          askedAt = now;
          sandbox.send({ type: 'ping' });
        }
      }, 500);
      task.onCleanup(stopWatching);
    });
  }
}
