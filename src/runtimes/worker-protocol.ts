// The messages of the worker runtime. Three parties: the page, a sandboxed frame it makes for
// each run (an opaque origin, in a process of its own: see sandbox-frame.ts), and the demo's
// Worker, which the frame starts. The page sends the frame the run's modules once, then only
// acknowledgements and pings; everything the worker needs is baked into its bootstrap source, so
// there is no handshake to wait for and Run → first output stays short.

/** Baked into the bootstrap as JSON. */
export interface WorkerConfig {
  /** URL of the linked entry module. */
  entryUrl: string;
  /** Module URL → demo path, to name files in error messages. */
  pathOf: Record<string, string>;
  /** The entry's demo path, for messages ("SyntaxError in main.js"). */
  entry: string;
  /** `process.argv` as Node would give it: ['node', '/demo/main.js', ...args]. */
  argv: string[];
  env: Record<string, string>;
  /** Output is posted when this much is pending... */
  flushChars: number;
  /** ...or this long has passed since the last post, checked on every write (so even a busy loop posts). */
  flushMs: number;
}

/** From the demo's worker to the frame. Demo code can post anything too: the frame checks. */
export type FromWorker =
  | { type: 'output'; text: string }
  /** The program finished: its event loop drained, process.exit(), or an uncaught error. */
  | { type: 'exit'; code: number; message?: string };

export function isFromWorker(data: unknown): data is FromWorker {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as { type?: unknown; text?: unknown; code?: unknown };
  return (
    (message.type === 'output' && typeof message.text === 'string') ||
    (message.type === 'exit' && typeof message.code === 'number')
  );
}

/**
 * The run, as the page hands it to the frame. The modules were linked in the page with
 * placeholders (`${token}${index}_`) where each import names another module; the frame makes a
 * Blob URL of each in order, dependencies first, putting in the URLs it made before. Blob URLs
 * belong to the origin that made them, so the frame's opaque origin must make its own.
 */
export interface SandboxStart {
  type: 'start';
  token: string;
  /** Dependencies first; the last is the worker's bootstrap. */
  modules: string[];
  name: string;
  /** The most undelivered output the frame holds; beyond it the oldest is left out and counted. */
  maxPendingChars: number;
  /** The most `#trace` lines it keeps out of what it leaves out, so the timeline loses nothing. */
  maxKeptChars: number;
  keepLinesStartingWith: string | undefined;
}

/** From the page to the frame, over the run's MessagePort. */
export type ToSandbox = { type: 'ack' } | { type: 'ping' };

/** From the frame to the page, over the run's MessagePort: demo code cannot reach that port. */
export type FromSandbox =
  | {
      type: 'output';
      text: string;
      /** Output the frame left out before `text`, because the page had not taken it yet. */
      skipped?: { chars: number; lines: number; kept: string };
    }
  | { type: 'exit'; code: number; message?: string }
  /** The worker itself failed (no module workers, a bootstrap bug): not the program's error. */
  | { type: 'failed'; message: string }
  /** The frame is alive: sent every beat, and in answer to a ping. */
  | { type: 'beat' };

export function isFromSandbox(data: unknown): data is FromSandbox {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as { type?: unknown; message?: unknown };
  return isFromWorker(data) || message.type === 'beat' || (message.type === 'failed' && typeof message.message === 'string');
}
