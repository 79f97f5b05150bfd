// What an audience window tells the presenter view about a demo on a slide, over
// BroadcastChannel. Shared by the sender (src/workbench/mirror.ts, loaded with the workbench)
// and the receiver (src/deck/demo-mirror.ts, in the presenter's own small bundle): types and a
// few pure functions only, so importing it costs the presenter next to nothing.

import { OUTPUT_TAIL_CHARS } from './output-tail.ts';

export const MIRROR_CHANNEL = STORAGE_KEYS.mirrorChannel;

/** Everything the presenter shows of one demo. Sent whole each time, so a message is never lost. */
export interface MirrorState {
  /** The demo's folder name under demos/ (the <demo-embed data-demo> it mirrors). */
  demo: string;
  /** The editable files, as the speaker has edited them. */
  files: { path: string; text: string }[];
  /** The workbench's sentence: which runtime ran it and why (or that it has not run yet). */
  status: string;
  /** A run is under way. */
  running: boolean;
  /** The tail of the terminal's text: trace lines already hidden, colours stripped. */
  output: string;
  /** Earlier output was dropped to keep the tail. */
  truncated: boolean;
}

export type MirrorMessage =
  /** A presenter view (re)loaded: every audience workbench answers with its state. */
  | { kind: 'hello' }
  | { kind: 'state'; state: MirrorState }
  /** The audience window holding this demo's workbench closed or reloaded. */
  | { kind: 'gone'; demo: string };

const isText = (value: unknown, limit: number): value is string => typeof value === 'string' && value.length <= limit;
/** Generous bounds: an edited demo file, a sentence, a folder name. */
const FILE_CHARS = 200_000;
const LINE_CHARS = 2_000;

function parseMirrorState(value: unknown): MirrorState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { demo, files, status, running, output, truncated } = value as Record<string, unknown>;
  if (!isText(demo, LINE_CHARS) || !isText(status, LINE_CHARS) || !isText(output, OUTPUT_TAIL_CHARS)) return undefined;
  if (typeof running !== 'boolean' || typeof truncated !== 'boolean' || !Array.isArray(files) || files.length > 50) return undefined;
  const parsedFiles: MirrorState['files'] = [];
  for (const file of files as unknown[]) {
    const { path, text } = (typeof file === 'object' && file !== null ? file : {}) as Record<string, unknown>;
    if (!isText(path, LINE_CHARS) || !isText(text, FILE_CHARS)) return undefined;
    parsedFiles.push({ path, text });
  }
  return { demo, files: parsedFiles, status, running, output, truncated };
}

/**
 * A message of the mirror's channel, or undefined. Anything on the site can post there, demo
 * code included, so each side reads only what has this shape, and within these bounds.
 */
export function parseMirrorMessage(data: unknown): MirrorMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, state, demo } = data as Record<string, unknown>;
  if (kind === 'hello') return { kind };
  if (kind === 'gone') return isText(demo, LINE_CHARS) ? { kind, demo } : undefined;
  const parsed = kind === 'state' ? parseMirrorState(state) : undefined;
  return parsed && { kind: 'state', state: parsed };
}
