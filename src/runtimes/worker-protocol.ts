// The messages between the worker runtime (page) and the worker it starts. The page sends
// nothing after start: everything the worker needs is baked into its bootstrap source, so there
// is no handshake to wait for and Run → first output stays short.

/** Baked into the bootstrap as JSON. */
export interface WorkerConfig {
  /** Blob URL of the linked entry module. */
  entryUrl: string;
  /** Blob URL → demo path, to name files in error messages. */
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
