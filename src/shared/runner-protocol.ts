// What the page and the local runner (src/runner/) say to each other. The runner serves the
// page with a meta element carrying a secret; a Run is one POST that streams back the run as
// JSON lines; Stop is the page aborting that request.
import type { PythonNeed } from './python-frameworks.ts';

/** The meta element the runner's server writes into its pages: its content is the secret. */
export const RUNNER_META = 'async-talk-runner';
/** The header a page sends the secret in (a custom header also forces a CORS preflight, which nobody answers). */
export const TOKEN_HEADER = 'x-async-talk-runner';
/** Where a Run is posted. */
export const RUN_PATH = '/__runner/run';

export interface RunnerRequest {
  id: string;
  /** "python3 gevent_sleep0.py", "node main.js stall". */
  command: string;
  /** The demo's folder from the project root ("demos/python"): the run's working folder is a copy of its name. */
  folder: string;
  /** Every file the run mounts, as the reader has them (edited or not); paths relative to the folder. */
  files: { path: string; contents: string }[];
  framework?: PythonNeed | undefined;
  env?: Record<string, string> | undefined;
  /** For a server: it listens on a port the runner picks, and its page is shown in the preview. */
  port?: number | undefined;
}

/** One line of the streamed answer. */
export type RunnerEvent =
  | { type: 'output'; text: string }
  | { type: 'server-ready'; port: number; url: string }
  | { type: 'exit'; code: number | null; reason: 'exit' | 'stopped' | 'error'; message?: string };
