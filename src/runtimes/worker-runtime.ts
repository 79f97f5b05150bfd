// The worker runtime: a demo written against web-standard JS (timers, promises, console,
// performance) runs in a dedicated module Worker built from Blob URLs. It needs neither
// cross-origin isolation nor the network, and Stop is worker.terminate(): even `while (true);`
// ends at once, because nothing in the worker has to cooperate.
import type { BatcherOptions } from './output-batcher.ts';
import { LinkError, linkModules } from './module-linker.ts';
import { parseCommand, type Availability, type DemoToRun, type RunHandle, type RunOptions, type Runtime } from './runtime.ts';
import { startRunTask } from './task.ts';
import { workerBootstrapSource } from './worker-main.ts';
import { isFromWorker, type WorkerConfig } from './worker-protocol.ts';

/** The part of a DOM Worker the adapter uses, so tests can pass a fake. */
export interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  terminate(): void;
}

export type CreateWorker = (url: string, options: { type: 'module'; name: string }) => WorkerLike;

/** Blob URLs, injected so tests can count that every one is revoked. */
export interface ModuleUrls {
  create(source: string): string;
  revoke(url: string): void;
}

export interface WorkerRuntimeOptions {
  createWorker?: CreateWorker;
  urls?: ModuleUrls;
  /** Where feature detection looks (globalThis in a page). */
  scope?: { Worker?: unknown; Blob?: unknown; URL?: { createObjectURL?: unknown } };
  batcher?: BatcherOptions;
  /** Worker-side output chunking; see WorkerConfig. */
  flushChars?: number;
  flushMs?: number;
}

const blobUrls: ModuleUrls = {
  create: (source) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
  revoke: (url) => URL.revokeObjectURL(url),
};

export class WorkerRuntime implements Runtime {
  readonly id = 'worker';
  readonly #createWorker: CreateWorker;
  readonly #urls: ModuleUrls;
  readonly #scope: NonNullable<WorkerRuntimeOptions['scope']>;
  readonly #options: WorkerRuntimeOptions;

  constructor(options: WorkerRuntimeOptions = {}) {
    this.#createWorker = options.createWorker ?? ((url, init) => new Worker(url, init) as WorkerLike);
    this.#urls = options.urls ?? blobUrls;
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
      const urls: string[] = [];
      // Leave nothing behind: every Blob URL, the worker (and any Worker it nested).
      task.onCleanup(() => urls.forEach((url) => this.#urls.revoke(url)));
      let worker: WorkerLike;
      try {
        const { entry, args } = parseCommand(demo.command);
        const create = (source: string) => {
          const url = this.#urls.create(source);
          urls.push(url);
          return url;
        };
        const linked = linkModules(demo.files, entry, create);
        const config: WorkerConfig = {
          entryUrl: linked.entryUrl,
          pathOf: Object.fromEntries(linked.pathOf),
          entry,
          argv: ['node', `/demo/${entry}`, ...args],
          env: { ...options.env },
          flushChars: this.#options.flushChars ?? 16 * 1024,
          flushMs: this.#options.flushMs ?? 16,
        };
        worker = this.#createWorker(create(workerBootstrapSource(config)), { type: 'module', name: `demo ${demo.id}` });
      } catch (error) {
        return task.fail(error instanceof LinkError ? error.message : `The Web Worker could not start: ${(error as Error).message}`);
      }
      task.onCleanup(() => {
        worker.onmessage = worker.onerror = null;
        worker.terminate();
      });
      worker.onmessage = ({ data }) => {
        if (!isFromWorker(data)) return;
        if (data.type === 'output') task.output.write(data.text);
        else task.settle(data.message === undefined ? { code: data.code, reason: 'exit' } : { code: data.code, reason: 'exit', message: data.message });
      };
      // Only failures of the worker itself arrive here (the program's own errors are caught inside
      // and reported as output): no module workers, a CSP that forbids blob:, a bootstrap bug.
      worker.onerror = (event) => {
        event.preventDefault?.();
        task.fail(`The Web Worker failed before the program could run: ${event.message ?? 'no reason given'}.`);
      };
    });
  }
}
