// The one interface every runtime implements. The workbench talks only to this, so an adapter
// (local, webcontainer, worker, replay) can be swapped, faked in tests, or fallen back from.
// Nothing here knows about Astro, xterm or the DOM.

/**
 * The runtimes a demo can declare, best first. The content model (src/content-model/demo.ts)
 * validates manifests against this list.
 */
export const RUNTIME_IDS = ['local', 'webcontainer', 'worker', 'replay'] as const;
export type RuntimeId = (typeof RUNTIME_IDS)[number];

export const isRuntimeId = (value: unknown): value is RuntimeId => RUNTIME_IDS.includes(value as RuntimeId);

/** Whether a demo can run live in the browser itself (WebContainer or a Web Worker), on any host. */
export const runsLiveInBrowser = (runtimes: readonly RuntimeId[]) => runtimes.some((id) => id === 'webcontainer' || id === 'worker');

/**
 * What each runtime is called wherever a reader meets it: the static view's "it runs in …", the
 * "Run in" setting, and the sentence that says which one ran ("Ran in a Web Worker: …").
 */
export const RUNTIME_NAMES: Record<RuntimeId, string> = {
  local: 'the local runner (real Python and Node on this computer)',
  webcontainer: 'WebContainer (Node.js in the browser)',
  worker: 'a Web Worker',
  replay: 'a replay of a recorded run',
};

/** The same, short, where the sentence already says what it is: "Booting the Web Worker…". */
export const RUNTIME_SHORT_NAMES: Record<RuntimeId, string> = {
  local: 'the local runner',
  webcontainer: 'WebContainer',
  worker: 'the Web Worker',
  replay: 'the replay',
};

/**
 * Starts every line a server's scripted client printed in a recorded run, so it is never mistaken
 * for the server's. Here rather than in transcript.ts: the sentence about a replayed server names
 * it, and that sentence is on the path of every Run, which should not load the transcript code.
 */
export const CLIENT_LABEL = '[client] ';

/** One file of a demo, as the workbench holds it (possibly edited by the reader). */
export interface DemoFileToRun {
  path: string;
  contents: string;
}

/**
 * What a runtime needs to run a demo: the shape of a loaded `Demo` plus its collection id.
 * Declared structurally so the runtimes need not import the content model (and with it zod).
 */
export interface DemoToRun {
  id: string;
  /** "node main.js [args…]" or "python3 stall.py [args…]": the interpreter, entry file and arguments. */
  command: string;
  /** The runtimes it can run in, best first (the replay runtime words its refusal of an edit by them). */
  runtimes?: readonly RuntimeId[] | undefined;
  files: readonly DemoFileToRun[];
  /** For servers: the port it listens on. */
  port?: number | undefined;
  /**
   * For the replay runtime: where the recorded run is served, when it is not among `files`
   * (pages fetch it on demand rather than embed it).
   */
  transcriptUrl?: string | undefined;
}

/** Where output goes. Deliberately narrower than xterm, so tests and mirrors can stand in. */
export interface OutputSink {
  write(text: string): void;
}

export interface RunOptions {
  /** Aborting it is the same as calling stop() on the handle. */
  signal?: AbortSignal | undefined;
  /** Receives stdout and stderr (stderr is not told apart: a terminal shows both). */
  sink: OutputSink;
  /** Lines starting with this are never skipped when a flood of output is thinned out (trace lines). */
  keepLinesStartingWith?: string | undefined;
  /** Extra environment variables, as `process.env` would see them. */
  env?: Readonly<Record<string, string>> | undefined;
  /**
   * For servers: called when the program listens, with the port and a URL the preview iframe
   * can load (WebContainer's `server-ready`). Runtimes that cannot serve never call it.
   */
  onServerReady?: ((port: number, url: string) => void) | undefined;
}

/**
 * How a run ended.
 * - exit: the program finished on its own (code 0) or failed (non-zero, e.g. an uncaught error);
 * - stopped: the reader pressed Stop or the signal aborted; code is null;
 * - error: the runtime itself could not run it (message says why); the fallback policy tries the next runtime;
 * - timeout: the runtime gave up waiting (e.g. a boot that never answers).
 */
export interface RunExit {
  code: number | null;
  reason: 'exit' | 'stopped' | 'error' | 'timeout';
  message?: string;
}

export interface RunHandle {
  /** Settles exactly once, after every byte of output has reached the sink. Never rejects. */
  readonly exited: Promise<RunExit>;
  /** Ends the run at once and releases everything it held (workers, Blob URLs, timers). */
  stop(): void;
}

export interface Availability {
  ok: boolean;
  /** A clause a person can read: "this page is not cross-origin isolated". */
  why: string;
}

export interface Runtime {
  readonly id: RuntimeId;
  /** It cannot start without the network (WebContainer's boot): offline, it is passed over at once. */
  readonly needsNetwork?: boolean;
  /**
   * Feature detection only: cheap, no boot, no network. With a demo, it may also say whether
   * that demo can run here (replay needs a fresh transcript).
   */
  available(demo?: DemoToRun): Promise<Availability>;
  /**
   * Optional one-off preparation before the first run (WebContainer's boot). The fallback policy
   * (run-with-fallback.ts) starts it once per page, waits for it only as long as its grace allows,
   * and aborts the signal when the boot outlasts its timeout: the signal only stops the wait.
   * Calling it again after success must be cheap.
   */
  prepare?(signal: AbortSignal): Promise<void>;
  run(demo: DemoToRun, options: RunOptions): RunHandle;
}

/** The interpreters a demo's command may name. */
export const INTERPRETERS = ['node', 'python3'] as const;
export type Interpreter = (typeof INTERPRETERS)[number];

/** Splits a demo command ("node main.js stall") into its interpreter, entry file and arguments. */
export function parseCommand(command: string): { interpreter: Interpreter; entry: string; args: string[] } {
  const [program, entry, ...args] = command.trim().split(/\s+/);
  if (!INTERPRETERS.includes(program as Interpreter) || !entry) {
    throw new Error(`The command "${command}" cannot be run: it must be "node <file> [args…]" or "python3 <file> [args…]".`);
  }
  return { interpreter: program as Interpreter, entry: entry.replace(/^\.\//, ''), args };
}
