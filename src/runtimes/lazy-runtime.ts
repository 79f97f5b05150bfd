// A runtime whose adapter is imported the first time the fallback policy asks about it. The workbench
// lists all three runtimes, but a run only needs the one that runs it (and those tried before
// it): loading every adapter up front cost the first Run about 3.5 KB gz for code it never used,
// plus WebContainer's adapter on pages that feature detection already rules out.
import type { Availability, DemoToRun, RunExit, RunHandle, RunOptions, Runtime, RuntimeId } from './runtime.ts';

export interface LazyRuntimeOptions {
  /** Imports the adapter module and makes the runtime. Called at most once, unless it fails. */
  load(): Promise<Runtime>;
  /** A cheap check that can rule the runtime out without loading it (feature detection). */
  precheck?(): Availability;
  /** See Runtime.needsNetwork: known before the adapter loads, so an offline page never loads it. */
  needsNetwork?: boolean;
  /** The adapter has a boot (Runtime.prepare), which the fallback policy gives its grace. */
  boots?: boolean;
}

export class LazyRuntime implements Runtime {
  #loading: Promise<Runtime> | undefined;
  #loaded: Runtime | undefined;

  readonly needsNetwork: boolean;
  /** Only for an adapter that boots: the policy treats any runtime with a prepare() as one to wait for. */
  readonly prepare?: (signal: AbortSignal) => Promise<void>;

  constructor(
    readonly id: RuntimeId,
    private readonly options: LazyRuntimeOptions,
  ) {
    this.needsNetwork = options.needsNetwork ?? false;
    if (options.boots) {
      this.prepare = async (signal) => {
        const runtime = await this.#runtime();
        await runtime.prepare?.(signal);
      };
    }
  }

  /** Whether the adapter has been imported (tests, and the bench, look at this). */
  get loaded(): boolean {
    return this.#loaded !== undefined;
  }

  #runtime(): Promise<Runtime> {
    this.#loading ??= this.options.load().then(
      (runtime) => (this.#loaded = runtime),
      (error: unknown) => {
        // A failed import (offline, a new deploy) may succeed on the next Run.
        this.#loading = undefined;
        throw new Error(`its code could not be loaded (${(error as Error).message})`);
      },
    );
    return this.#loading;
  }

  /**
   * Imports the adapter now, in the background, so a later Run needs no request: one that comes
   * after the network has gone (a train, a venue's Wi-Fi) still finds it.
   */
  preload(): void {
    this.#runtime().catch(() => undefined);
  }

  async available(demo?: DemoToRun): Promise<Availability> {
    const ruledOut = this.options.precheck?.();
    if (ruledOut && !ruledOut.ok) return ruledOut;
    return (await this.#runtime()).available(demo);
  }

  run(demo: DemoToRun, options: RunOptions): RunHandle {
    // The policy has always asked available() first, so the adapter is normally here already.
    if (this.#loaded) return this.#loaded.run(demo, options);
    let inner: RunHandle | undefined;
    let stopped = false;
    const exited = this.#runtime().then(
      (runtime): Promise<RunExit> | RunExit => {
        if (stopped || options.signal?.aborted) return { code: null, reason: 'stopped' };
        inner = runtime.run(demo, options);
        return inner.exited;
      },
      (error: unknown): RunExit => ({ code: null, reason: 'error', message: (error as Error).message }),
    );
    return {
      exited,
      stop: () => {
        stopped = true;
        inner?.stop();
      },
    };
  }
}
