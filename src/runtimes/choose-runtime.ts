// Picks the runtime a demo runs in, and says which and why in a sentence the page shows.
// Order: a runtime the reader forced (if the demo supports it), then the demo's own list, best
// first. A candidate is skipped when available() says no, or when prepare() (WebContainer's
// boot) fails or outlasts the timeout; the skipped ones and their reasons make the sentence.
import type { DemoToRun, Runtime, RuntimeId } from './runtime.ts';

export interface Forced {
  id: RuntimeId;
  /** Who asked, for the sentence: "the address (?runtime=worker)", "your setting". */
  by: string;
}

export interface Skipped {
  id: RuntimeId;
  /** A clause: "this page is not cross-origin isolated". */
  why: string;
}

export interface ChooseOptions {
  forced?: Forced | undefined;
  /** Runtimes already tried for this run, and why they failed (a run that ended with reason 'error'). */
  exclude?: readonly Skipped[];
  /** Per candidate, for available() plus prepare(). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Choice {
  runtime: Runtime;
  /** "Ran in a Web Worker: this page is not cross-origin isolated, so WebContainer cannot boot." */
  sentence: string;
  skipped: Skipped[];
}

export class NoRuntimeError extends Error {
  override name = 'NoRuntimeError';
  constructor(message: string, readonly skipped: Skipped[]) {
    super(message);
  }
}

export const DEFAULT_TIMEOUT_MS = 20_000;

const LABEL: Record<RuntimeId, string> = {
  webcontainer: 'WebContainer (Node.js in the browser)',
  worker: 'a Web Worker',
  replay: 'a replay of a recorded Node.js run',
};
const CANNOT: Record<RuntimeId, string> = {
  webcontainer: 'WebContainer cannot boot',
  worker: 'the Web Worker runtime cannot run it',
  replay: 'it cannot be replayed',
};
const REPLAY_NOTE = ' Replay is the last resort: it shows a real run of the original code, not a live one.';

const isRuntimeId = (value: string | null | undefined): value is RuntimeId =>
  value === 'webcontainer' || value === 'worker' || value === 'replay';

/** The runtime a reader forced: `?runtime=worker` in the address wins over a saved setting. */
export function forcedRuntime(address: URL | string, setting?: string | null): Forced | undefined {
  const fromUrl = new URL(address).searchParams.get('runtime');
  if (isRuntimeId(fromUrl)) return { id: fromUrl, by: `the address (?runtime=${fromUrl})` };
  if (isRuntimeId(setting)) return { id: setting, by: 'your setting' };
  return undefined;
}

/** Settles with `work`, or rejects after `ms` and aborts the controller it was given. */
async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', abort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`it did not answer within ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}

const because = (skipped: readonly Skipped[]) => skipped.map((s) => `${s.why}, so ${CANNOT[s.id]}`).join('; ');

export async function chooseRuntime(
  demo: DemoToRun & { runtimes: readonly RuntimeId[] },
  runtimes: readonly Runtime[],
  options: ChooseOptions = {},
): Promise<Choice> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { forced } = options;
  const forcedUsable = forced !== undefined && demo.runtimes.includes(forced.id);
  const order = forcedUsable ? [forced.id, ...demo.runtimes.filter((id) => id !== forced.id)] : [...demo.runtimes];
  const excluded = new Set((options.exclude ?? []).map((s) => s.id));
  const skipped: Skipped[] = [...(options.exclude ?? [])];

  for (const id of order) {
    if (excluded.has(id)) continue;
    options.signal?.throwIfAborted();
    const runtime = runtimes.find((r) => r.id === id);
    if (!runtime) {
      skipped.push({ id, why: 'this page did not load it' });
      continue;
    }
    try {
      const availability = await withTimeout(() => runtime.available(demo), timeoutMs, options.signal);
      if (!availability.ok) {
        skipped.push({ id, why: availability.why });
        continue;
      }
      if (runtime.prepare) await withTimeout((signal) => runtime.prepare!(signal), timeoutMs, options.signal);
      options.signal?.throwIfAborted();
      return { runtime, skipped, sentence: sentence(id, availability.why, skipped, forced, forcedUsable) };
    } catch (error) {
      options.signal?.throwIfAborted();
      skipped.push({ id, why: `it failed to start (${(error as Error).message})` });
    }
  }
  const refusal = forced && !forcedUsable ? `This demo cannot run in ${LABEL[forced.id]}, which ${forced.by} asked for. ` : '';
  throw new NoRuntimeError(`${refusal}Nothing on this page can run this demo: ${because(skipped)}.`, skipped);
}

function sentence(id: RuntimeId, why: string, skipped: readonly Skipped[], forced: Forced | undefined, forcedUsable: boolean): string {
  const note = id === 'replay' ? REPLAY_NOTE : '';
  const refusal = forced && !forcedUsable ? ` This demo cannot run in ${LABEL[forced.id]}, which ${forced.by} asked for.` : '';
  if (forced && forcedUsable && forced.id === id) return `Ran in ${LABEL[id]}, as ${forced.by} asked.${note}`;
  if (skipped.length === 0) return `Ran in ${LABEL[id]}, this demo's first choice: ${why}.${refusal}${note}`;
  return `Ran in ${LABEL[id]}: ${because(skipped)}.${refusal}${note}`;
}
