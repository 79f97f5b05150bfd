// The replay runtime's input: a real run of a demo, recorded by scripts/record-demos.ts into
// demos/<id>/replay.json (a Python program's into demos/python/recordings/<name>.json) and
// committed. The digest ties it to the exact files it ran, so a stale or edited demo can never be
// "replayed" with output its code did not produce.
import { parseCommand } from './runtime.ts';

export const TRANSCRIPT_FILE = 'replay.json';

/**
 * What tells a command's recording apart from the demo's own: "" for its command, "-blocking" for
 * a variant run with `--blocking` (see "variants" in src/content-model/demo.ts).
 */
export function recordingSuffix(command: string): string {
  const slug = parseCommand(command).args.join('-').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '');
  return slug ? `-${slug}` : '';
}

/** The recording of one command among a demo's files: replay.json, replay-blocking.json. */
export const recordingFile = (command: string) => `replay${recordingSuffix(command)}.json`;

/** Every command a demo can be run with: its own, then each variant's. */
export function commandsOf(demo: { command: string; variants?: readonly { args: readonly string[] }[] | undefined }): string[] {
  return [demo.command, ...(demo.variants ?? []).map((variant) => `${demo.command} ${variant.args.join(' ')}`)];
}

/** Whether a file of a demo is one of its recordings rather than its code. */
export const isRecordingFile = (path: string) => /^replay(-[\w-]+)?\.json$/.test(path);

export interface ReplayEvent {
  /** Milliseconds after the program started. */
  at: number;
  /** stdout and stderr, in the order they arrived. */
  text: string;
}

export interface Transcript {
  /** What ran it: `process.version` of Node ("v24.9.0"), or "Python 3.11.2". */
  recordedWith: string;
  /** For a Python program: the framework it needs and its version, "gevent 22.10.2". */
  framework?: string;
  /** ISO date and time. */
  recordedAt: string;
  command: string;
  /** filesDigest() of the demo's files at recording time. */
  filesDigest: string;
  events: ReplayEvent[];
  /** null when the program was killed (it ran past the recorder's time limit). */
  exitCode: number | null;
  /**
   * For a server: the scripted session it was recorded with. Its events then hold the server's
   * lines as it printed them and the client's lines, each starting with CLIENT_LABEL.
   */
  session?: RecordedSession;
}

export interface RecordedSession {
  /** The client script in the demo folder, run with `node` against the server. */
  client: string;
  /** The port the server listened on, and the environment it was given besides PATH and PORT. */
  port: number;
  env: Record<string, string>;
}

export { CLIENT_LABEL } from './runtime.ts';

export class TranscriptError extends Error {
  override name = 'TranscriptError';
}

/**
 * sha256 (hex) over every file of the demo except its recordings, sorted by path
 * (code-unit order, not locale order, so every machine agrees): for each, path, NUL, contents,
 * NUL. Paths are included so a renamed file counts as a change.
 */
export async function filesDigest(files: readonly { path: string; contents: string }[]): Promise<string> {
  const text = files
    .filter((file) => !isRecordingFile(file.path))
    .toSorted((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.path}\0${file.contents}\0`)
    .join('');
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Checks the shape of a parsed replay.json; `label` names it in errors ("demos/coroutines/replay.json"). */
export function parseTranscript(data: unknown, label: string): Transcript {
  const problem = (field: string, expected: string) =>
    new TranscriptError(`${label}: "${field}" must be ${expected}. Fix: run \`npm run demos:record\` to record it again.`);
  if (typeof data !== 'object' || data === null) throw problem('(the file)', 'a JSON object');
  const t = data as Record<string, unknown>;
  for (const field of ['recordedWith', 'recordedAt', 'command', 'filesDigest'] as const) {
    if (typeof t[field] !== 'string' || t[field] === '') throw problem(field, 'a non-empty string');
  }
  if (!/^[0-9a-f]{64}$/.test(t['filesDigest'] as string)) throw problem('filesDigest', 'a sha256 in hex');
  if (Number.isNaN(Date.parse(t['recordedAt'] as string))) throw problem('recordedAt', 'an ISO date');
  if (t['exitCode'] !== null && !Number.isInteger(t['exitCode'])) throw problem('exitCode', 'an integer or null');
  if (!Array.isArray(t['events'])) throw problem('events', 'an array');
  let previous = 0;
  t['events'].forEach((event: unknown, i) => {
    const e = event as Partial<ReplayEvent> | null;
    if (typeof e?.at !== 'number' || !(e.at >= previous)) throw problem(`events[${i}].at`, 'a number of ms, not before the previous event');
    if (typeof e.text !== 'string') throw problem(`events[${i}].text`, 'a string');
    previous = e.at;
  });
  return data as Transcript;
}
