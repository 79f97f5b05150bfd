// The WebContainer runtime: real Node.js in the browser, through @webcontainer/api. It is the
// only runtime that can run a server and show it in a preview iframe, and the only one that needs
// cross-origin isolation and StackBlitz's servers. So it loads nothing until the first Run (the
// API is a dynamic import in the boot path), boots once per page, and keeps that one instance on
// globalThis so it outlives later runs and Astro's client-side navigation. Each demo is mounted
// in its own directory of that instance and run there.
import { COEP } from '../hosting/headers.ts';
import { webContainerSupport, type IsolationScope } from './features.ts';
import type { BatcherOptions } from './output-batcher.ts';
import { parseCommand, type Availability, type DemoFileToRun, type DemoToRun, type RunHandle, type RunOptions, type Runtime } from './runtime.ts';
import { startRunTask } from './task.ts';
import { messageOf } from '../shared/words.ts';

/** The part of @webcontainer/api's FileSystemTree the adapter writes (text files and directories). */
export interface FileTree {
  [name: string]: { file: { contents: string } } | { directory: FileTree };
}

/** The part of a WebContainerProcess the adapter uses. */
export interface ProcessLike {
  readonly output: ReadableStream<string>;
  readonly exit: Promise<number>;
  kill(): void;
}

/** The part of a booted WebContainer the adapter uses, so tests can pass an in-memory fake. */
export interface ContainerLike {
  readonly fs: { rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> };
  mount(tree: FileTree): Promise<void>;
  spawn(command: string, args: string[], options?: { cwd?: string; env?: Record<string, string> }): Promise<ProcessLike>;
  on(event: 'server-ready', listener: (port: number, url: string) => void): () => void;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
  teardown(): void;
}

export interface BootOptions {
  coep: typeof COEP;
  workdirName: string;
}

export type BootContainer = (options: BootOptions) => Promise<ContainerLike>;

/** Where the page's one instance is kept: a boot in flight or done, shared by every run. */
export interface ContainerSlot {
  booting?: Promise<ContainerLike> | undefined;
}

export interface WebContainerRuntimeOptions {
  /** Tests pass a fake; the default imports @webcontainer/api on first use. */
  boot?: BootContainer;
  /** Tests pass their own; the default lives on globalThis, one per page. */
  slot?: ContainerSlot;
  /** Where feature detection looks (globalThis in a page). */
  scope?: IsolationScope;
  batcher?: BatcherOptions;
  /** After exit, how long to wait for the output stream to drain before settling anyway. */
  drainMs?: number;
  /**
   * Called each time a run or prepare has the booted instance in hand. The workbench uses it to
   * keep the page alive across links from then on (src/workbench/keep-alive-navigation.ts).
   */
  onBooted?: () => void;
}

/** The real API, loaded only when a run first needs it, so no page pays for it before. */
export const bootWebContainer: BootContainer = async (options) => {
  const { WebContainer } = await import('@webcontainer/api');
  return WebContainer.boot(options);
};

// Symbol.for, not Symbol(): a second copy of this module (another chunk, a re-evaluated module
// after navigation) must find the same instance, or it would try to boot a second one.
const SLOT_KEY = Symbol.for('async-talk.webcontainer');

/** The page's slot, on globalThis so it survives Astro's ClientRouter navigation. */
export function pageSlot(): ContainerSlot {
  const scope = globalThis as typeof globalThis & { [SLOT_KEY]?: ContainerSlot };
  return (scope[SLOT_KEY] ??= {});
}

/** Tears the page's instance down (if it booted) so the next run boots a fresh one. */
export async function teardownWebContainer(slot: ContainerSlot = pageSlot()): Promise<void> {
  const booting = slot.booting;
  slot.booting = undefined;
  const container = await booting?.catch(() => undefined);
  container?.teardown();
}

/** Rejects when the signal aborts, without cancelling the shared work it waits on. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new Error('WebContainer stopped waiting for the boot');

/** Builds the nested tree @webcontainer/api mounts from flat paths such as "lib/x.js". */
export function toFileTree(files: readonly DemoFileToRun[]): FileTree {
  const root: FileTree = {};
  for (const { path, contents } of files) {
    const parts = path.replace(/^\.\//, '').split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..')) {
      throw new Error(`The file "${path}" cannot be written: its path must be relative and stay inside the demo.`);
    }
    const name = parts.pop()!;
    let dir = root;
    for (const part of parts) {
      const node = (dir[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`The file "${path}" cannot be written: "${part}" is a file, not a directory.`);
      dir = node.directory;
    }
    if (dir[name]) throw new Error(`The file "${path}" cannot be written: the demo has it twice, or as a directory too.`);
    dir[name] = { file: { contents } };
  }
  return root;
}

export class WebContainerRuntime implements Runtime {
  readonly id = 'webcontainer';
  /** Its boot fetches WebContainer from StackBlitz's servers. */
  readonly needsNetwork = true;
  readonly #boot: BootContainer;
  readonly #slot: ContainerSlot;
  readonly #options: WebContainerRuntimeOptions;

  constructor(options: WebContainerRuntimeOptions = {}) {
    this.#boot = options.boot ?? bootWebContainer;
    this.#slot = options.slot ?? pageSlot();
    this.#options = options;
  }

  async available(): Promise<Availability> {
    return webContainerSupport(this.#options.scope);
  }

  /**
   * Boots the page's one instance, or joins the boot in flight, or returns at once if it is done.
   * The signal only stops this caller waiting: a boot cannot be cancelled, so it carries on, and
   * the next run joins it again (or boots afresh if it failed). Two runs never boot twice.
   */
  async prepare(signal: AbortSignal): Promise<void> {
    await this.#container(signal);
  }

  #container(signal: AbortSignal): Promise<ContainerLike> {
    const slot = this.#slot;
    if (signal.aborted) return Promise.reject(abortError(signal));
    if (!slot.booting) {
      const booting = Promise.resolve()
        .then(() => this.#boot({ coep: COEP, workdirName: 'async-talk' }))
        .catch((error: unknown) => {
          if (slot.booting === booting) slot.booting = undefined;
          throw error;
        });
      slot.booting = booting;
    }
    const onBooted = this.#options.onBooted;
    const waiting = untilAborted(slot.booting, signal);
    return onBooted ? waiting.then((container) => (onBooted(), container)) : waiting;
  }

  run(demo: DemoToRun, options: RunOptions): RunHandle {
    return startRunTask({ ...options, batcher: this.#options.batcher }, async (task) => {
      const { entry, args } = parseCommand(demo.command);
      const tree = toFileTree(demo.files);
      const failedTo = (what: string) => (error: unknown) => {
        throw new Error(`WebContainer could not ${what} (${messageOf(error)})`);
      };

      const container = await task.until(this.#container(task.signal).catch(failedTo('boot')));
      // A fresh directory per run: files of an earlier run of this demo must not linger.
      await task.until(
        container.fs
          .rm(demo.id, { recursive: true, force: true })
          .then(() => container.mount({ [demo.id]: { directory: tree } }))
          .catch(failedTo("write the demo's files")),
      );

      const port = demo.port;
      const onServerReady = options.onServerReady;
      if (port !== undefined && onServerReady) {
        let told = false;
        const tell = (at: number, url: string) => {
          if (told || task.settled || at !== port) return;
          told = true;
          onServerReady(at, url);
        };
        const listeners = [container.on('server-ready', tell), container.on('port', (at, type, url) => type === 'open' && tell(at, url))];
        task.onCleanup(() => listeners.forEach((off) => off()));
      }

      const env: Record<string, string> = { ...options.env };
      if (port !== undefined) env['PORT'] ??= String(port);
      // Spawned after a Stop: the task hands the late process to kill().
      const proc = await task.until(
        container.spawn('node', [entry, ...args], { cwd: demo.id, env }).catch(failedTo(`start "${demo.command}"`)),
        (late) => late.kill(),
      );
      let exitedOnItsOwn = false;
      task.onCleanup(() => exitedOnItsOwn || proc.kill());
      const reader = proc.output.getReader();
      task.onCleanup(() => void reader.cancel().catch(() => undefined));
      const pumped = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          task.output.write(value);
        }
      })().catch(() => undefined);
      const code = await task.until(proc.exit);
      exitedOnItsOwn = true;
      // The stream closes with the process; the timer only guards against one that never does.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([pumped, new Promise((resolve) => (timer = setTimeout(resolve, this.#options.drainMs ?? 250)))]);
      clearTimeout(timer);
      task.settle({ code, reason: 'exit' });
    });
  }
}
