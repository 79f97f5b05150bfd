// The one fallback policy: which runtime runs a demo, what the page says while it decides, and
// the sentence that says afterwards which one ran and why. Everything it depends on is a
// parameter (the reader's forced choice, whether the browser is online, the page's boots), so
// it reads no address, storage or navigator itself, and every path is unit-tested.
//
// The rule that shapes it: a live moment never waits on a runtime that may not come. A boot that
// needs the network (WebContainer's) gets a short grace when something else can run the demo;
// after it, the demo runs in the next runtime at once, while the boot goes on in the background
// for the next Run. Offline, blocked and slow are all "no route", and none of them costs more
// than the grace. Only a reader who asked for that runtime waits for its whole boot.
import { CLIENT_LABEL, isRuntimeId, RUNTIME_NAMES, RUNTIME_SHORT_NAMES, type DemoToRun, type OutputSink, type RunExit, type Runtime, type RuntimeId } from './runtime.ts';
import { formatSeconds, messageOf } from '../shared/words.ts';

export interface Forced {
  id: RuntimeId;
  /** Who asked, for the sentence: "the address (?runtime=worker)", "your setting". */
  by: string;
}

/**
 * Why a runtime was passed over:
 * - unavailable: feature detection said no (not isolated, no Workers, no recorded run);
 * - offline: it needs the network and the browser is offline;
 * - slow: its boot outlasted the grace; it goes on booting for the next Run;
 * - failed: its boot failed or outlasted the boot timeout;
 * - broke: it started but could not run this demo (a run that ended with reason 'error').
 */
export type SkipReason = 'unavailable' | 'offline' | 'slow' | 'failed' | 'broke';

export interface Skipped {
  id: RuntimeId;
  reason: SkipReason;
  /** A clause a person can read: "this page is not cross-origin isolated". */
  why: string;
}

/** One boot of a runtime that needs one, kept per page so later Runs join it rather than wait again. */
interface Boot {
  /** timed-out: it outlasted the boot timeout; it may still land, but no Run waits for it again. */
  state: 'booting' | 'ready' | 'failed' | 'timed-out';
  why?: string;
  done: Promise<void>;
}

/** The page's boots: made once per page by the caller and passed to every run. */
export type Boots = Map<RuntimeId, Boot>;
export const createBoots = (): Boots => new Map();

/** Long enough for a boot that is already under way or cached; short enough that no one waits. */
export const DEFAULT_GRACE_MS = 1500;
/** How long a boot may take at all before it counts as failed (a reader who forced it waits this). */
export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;

export interface FallbackOptions {
  demo: DemoToRun & { runtimes: readonly RuntimeId[] };
  /** The page's runtimes; the demo's own list, best first, decides the order. */
  runtimes: readonly Runtime[];
  forced?: Forced | undefined;
  /** Runtimes not to try, with why (they are part of the sentence). */
  exclude?: readonly Skipped[] | undefined;
  /** navigator.onLine: false rules out at once every runtime that needs the network. */
  online?: boolean | undefined;
  boots: Boots;
  graceMs?: number | undefined;
  bootTimeoutMs?: number | undefined;
  /** Stop: ends the run in whichever runtime it is, or the wait for one. */
  signal: AbortSignal;
  sink: OutputSink;
  env?: Readonly<Record<string, string>> | undefined;
  keepLinesStartingWith?: string | undefined;
  onServerReady?: ((port: number, url: string) => void) | undefined;
  /** What the page is doing now, for its status line: "Booting WebContainer…". */
  onProgress?: ((text: string) => void) | undefined;
  /** A runtime has started running the demo (again after a fallback), and the sentence for it. */
  onRunning?: ((id: RuntimeId, sentence: string) => void) | undefined;
  /** A boot left running in the background ended: `text` tells the reader what it means for the next Run. */
  onBootSettled?: ((id: RuntimeId, ok: boolean, text: string) => void) | undefined;
}

export interface FallbackResult {
  exit: RunExit;
  /** The runtime that ran it last, if any did. */
  ran: RuntimeId | undefined;
  /** Which runtime ran and why, or why none could, or that the reader stopped it first. */
  sentence: string;
  skipped: Skipped[];
}

// ----- the words, all in one place -----

const CANNOT: Record<RuntimeId, string> = {
  local: 'the local runner cannot run it',
  webcontainer: 'WebContainer cannot boot',
  worker: 'a Web Worker cannot run it',
  replay: 'it cannot be replayed',
};
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const REPLAY_NOTE = ' A replay shows a real run of the original code, not a live one.';

/**
 * Only WebContainer and the local runner run a live server and show it in the preview; elsewhere
 * the reader is told plainly that nothing is serving and what the terminal shows instead.
 */
function serverNote(demo: { port?: number | undefined }, id: RuntimeId): string {
  if (demo.port === undefined || id === 'webcontainer' || id === 'local') return '';
  if (id === 'replay') {
    return (
      ' This demo is a server, and no server is running here: the terminal plays back a recorded session with the real server, ' +
      `driven by a scripted client whose lines start with ${CLIENT_LABEL.trim()}. The live preview needs WebContainer or the local runner.`
    );
  }
  return ' This demo is a server: only WebContainer or the local runner can run one and show it in a preview.';
}

function clause(skip: Skipped): string {
  switch (skip.reason) {
    case 'unavailable':
    case 'offline':
      return `${skip.why}, so ${CANNOT[skip.id]}`;
    case 'slow':
      return `${RUNTIME_SHORT_NAMES[skip.id]} ${skip.why}, so the demo did not wait for it (it goes on booting, for your next Run)`;
    case 'failed':
      return `${RUNTIME_SHORT_NAMES[skip.id]} failed to boot (${skip.why})`;
    case 'broke':
      // "WebContainer could not start …" needs no "WebContainer could not run it" before it.
      return skip.why.toLowerCase().startsWith(RUNTIME_SHORT_NAMES[skip.id].toLowerCase()) ? skip.why : `${RUNTIME_SHORT_NAMES[skip.id]} could not run it (${skip.why})`;
  }
}

function refusal(forced: Forced | undefined, usable: boolean): string {
  return forced && !usable ? ` This demo cannot run in ${RUNTIME_NAMES[forced.id]}, which ${forced.by} asked for.` : '';
}

function ranSentence(demo: { port?: number | undefined }, id: RuntimeId, skipped: readonly Skipped[], forced: Forced | undefined, usable: boolean): string {
  const note = (id === 'replay' ? REPLAY_NOTE : '') + serverNote(demo, id);
  const name = RUNTIME_NAMES[id];
  if (forced && usable && forced.id === id) return `Ran in ${name}, as ${forced.by} asked.${note}`;
  if (skipped.length === 0) return `Ran in ${name}, this demo's first choice.${refusal(forced, usable)}${note}`;
  return `Ran in ${name}: ${skipped.map(clause).join('; ')}.${refusal(forced, usable)}${note}`;
}

function noneSentence(skipped: readonly Skipped[], forced: Forced | undefined, usable: boolean): string {
  return `${refusal(forced, usable).trim()} Nothing on this page can run this demo: ${skipped.map(clause).join('; ')}.`.trim();
}

function bootingText(id: RuntimeId, forced: Forced | undefined, next: RuntimeId | undefined, graceMs: number, timeoutMs: number): string {
  if (forced?.id === id) return `Booting ${RUNTIME_SHORT_NAMES[id]}, as ${forced.by} asked; it can take up to ${formatSeconds(timeoutMs)}…`;
  if (next) return `Booting ${RUNTIME_SHORT_NAMES[id]}… If it is not ready within ${formatSeconds(graceMs)}, the demo runs in ${RUNTIME_NAMES[next]} instead.`;
  return `Booting ${RUNTIME_SHORT_NAMES[id]}; it can take up to ${formatSeconds(timeoutMs)}…`;
}

const startingText = (id: RuntimeId) => (id === 'replay' ? 'Fetching the recorded run…' : `Starting ${RUNTIME_NAMES[id]}…`);

function bootSettledText(id: RuntimeId, ok: boolean, why: string | undefined): string {
  return ok ? `${capital(RUNTIME_SHORT_NAMES[id])} has booted: your next Run uses it.` : `${capital(RUNTIME_SHORT_NAMES[id])} failed to boot in the background (${why}).`;
}

// ----- the policy -----

/**
 * The page's boot of `runtime`: joined if under way or done, started afresh after a failure (the
 * runtime may be reachable now). A boot that timed out is not started again: it is still in
 * flight inside the runtime, and a new one would only join it; if it lands late, it is ready.
 */
function bootOf(runtime: Runtime & Required<Pick<Runtime, 'prepare'>>, boots: Boots, timeoutMs: number): Boot {
  const known = boots.get(runtime.id);
  if (known && known.state !== 'failed') return known;
  // Not the run's signal: Stop ends the wait for the boot, never the boot, which the next Run joins.
  const giveUp = new AbortController();
  const boot: Boot = { state: 'booting', done: Promise.resolve() };
  const preparing = Promise.resolve().then(() => runtime.prepare(giveUp.signal));
  // Raced with the timeout rather than trusting the runtime to honour the signal.
  const timedOut = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      giveUp.abort(new Error(`it did not answer within ${formatSeconds(timeoutMs)}`));
      resolve();
    }, timeoutMs);
    void preparing.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
  });
  boot.done = Promise.race([
    preparing.then(
      () => void (boot.state = 'ready'),
      (error: unknown) => {
        if (boot.state !== 'booting') return;
        boot.state = 'failed';
        boot.why = messageOf(error);
      },
    ),
    timedOut.then(() => {
      if (boot.state !== 'booting') return;
      boot.state = 'timed-out';
      boot.why = messageOf(giveUp.signal.reason);
    }),
  ]);
  // Landed after its timeout: the next Run may use it after all.
  void preparing.then(() => void (boot.state = 'ready'), () => undefined);
  boots.set(runtime.id, boot);
  return boot;
}

/** Settles with `work`, or with 'aborted' as soon as Stop aborts the signal. */
function orStop<T>(work: Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Waits for the boot, for at most `graceMs` (none: no limit), or until Stop. */
function waitForBoot(boot: Boot, graceMs: number | undefined, signal: AbortSignal): Promise<'done' | 'grace' | 'aborted'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<'grace'>((resolve) => graceMs !== undefined && (timer = setTimeout(() => resolve('grace'), graceMs)));
  return orStop(Promise.race([boot.done.then(() => 'done' as const), grace]), signal).finally(() => clearTimeout(timer));
}

export async function runWithFallback(options: FallbackOptions): Promise<FallbackResult> {
  const { demo, forced, signal } = options;
  const startedAt = performance.now();
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const bootTimeoutMs = options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  const usable = forced !== undefined && demo.runtimes.includes(forced.id);
  const order = usable ? [forced.id, ...demo.runtimes.filter((id) => id !== forced.id)] : [...demo.runtimes];
  const skipped: Skipped[] = [...(options.exclude ?? [])];
  const excluded = new Set(skipped.map((skip) => skip.id));
  const candidates = order.filter((id) => !excluded.has(id));
  /** The runtime running the demo now, or that ran it; none while one is being chosen. */
  let ran: RuntimeId | undefined;
  /** A boot passed over for its grace: if everything after it fails, it is waited for after all. */
  let passedOver: { runtime: Runtime; boot: Boot } | undefined;
  const stopped = (): FallbackResult => ({
    exit: { code: null, reason: 'stopped' },
    ran,
    sentence: ran ? ranSentence(demo, ran, skipped, forced, usable) : 'Stopped before any runtime ran it.',
    skipped,
  });
  /** Runs the demo in `runtime`; undefined when it could not run it and the next one is tried. */
  const runIn = async (runtime: Runtime): Promise<FallbackResult | undefined> => {
    const { id } = runtime;
    ran = id;
    const sentence = ranSentence(demo, id, skipped, forced, usable);
    options.onRunning?.(id, sentence);
    const handle = runtime.run(demo, {
      sink: options.sink,
      signal,
      env: options.env,
      keepLinesStartingWith: options.keepLinesStartingWith,
      onServerReady: options.onServerReady,
    });
    const exit = await handle.exited;
    if (exit.reason !== 'error' || signal.aborted) return { exit, ran, sentence, skipped };
    ran = undefined;
    skipped.push({ id, reason: 'broke', why: exit.message ?? 'no reason given' });
    return undefined;
  };

  for (const [index, id] of candidates.entries()) {
    if (signal.aborted) return stopped();
    const next = candidates[index + 1];
    const runtime = options.runtimes.find((candidate) => candidate.id === id);
    if (!runtime) {
      skipped.push({ id, reason: 'unavailable', why: 'this page did not load it' });
      continue;
    }
    if (runtime.needsNetwork && options.online === false) {
      skipped.push({ id, reason: 'offline', why: 'this browser is offline' });
      continue;
    }
    let availability;
    try {
      availability = await orStop(runtime.available(demo), signal);
    } catch (error) {
      skipped.push({ id, reason: 'broke', why: messageOf(error) });
      continue;
    }
    if (availability === 'aborted') return stopped();
    if (!availability.ok) {
      skipped.push({ id, reason: 'unavailable', why: availability.why });
      continue;
    }
    if (runtime.prepare) {
      const boot = bootOf(runtime as Runtime & Required<Pick<Runtime, 'prepare'>>, options.boots, bootTimeoutMs);
      if (boot.state === 'booting') {
        // Only a reader who asked for this runtime, or a demo with nothing else, waits the whole boot.
        const patient = forced?.id === id || next === undefined;
        options.onProgress?.(bootingText(id, forced, next, graceMs, bootTimeoutMs));
        // The grace counts from Run, not from here: loading the adapter has used some of it.
        const how = await waitForBoot(boot, patient ? undefined : Math.max(0, startedAt + graceMs - performance.now()), signal);
        if (how === 'aborted') return stopped();
        if (how === 'grace') {
          skipped.push({ id, reason: 'slow', why: `was still booting after ${formatSeconds(graceMs)}` });
          passedOver = { runtime, boot };
          // The reader is told when the boot they did not wait for ends, and what it means.
          void boot.done.then(() => options.onBootSettled?.(id, boot.state === 'ready', bootSettledText(id, boot.state === 'ready', boot.why)));
          continue;
        }
      }
      if (boot.state === 'failed' || boot.state === 'timed-out') {
        skipped.push({ id, reason: 'failed', why: boot.why ?? 'no reason given' });
        continue;
      }
    } else {
      options.onProgress?.(startingText(id));
    }
    const result = await runIn(runtime);
    if (result) return result;
  }

  // Everything after a slow boot failed (a server demo whose replay refuses edited code): the
  // boot is the only hope left, so it is waited for after all.
  if (passedOver && !signal.aborted) {
    const { runtime, boot } = passedOver;
    if (boot.state === 'booting') {
      options.onProgress?.(bootingText(runtime.id, undefined, undefined, graceMs, bootTimeoutMs));
      if ((await waitForBoot(boot, undefined, signal)) === 'aborted') return stopped();
    }
    const slow = skipped.findIndex((skip) => skip.id === runtime.id && skip.reason === 'slow');
    if (boot.state === 'ready') {
      skipped.splice(slow, 1);
      const result = await runIn(runtime);
      if (result) return result;
    } else {
      skipped[slow] = { id: runtime.id, reason: 'failed', why: boot.why ?? 'no reason given' };
    }
  }
  if (signal.aborted) return stopped();
  const sentence = noneSentence(skipped, forced, usable);
  return { exit: { code: null, reason: 'error', message: sentence }, ran: undefined, sentence, skipped };
}

/** The runtime a reader forced: `?runtime=worker` in the address wins over a saved setting. */
export function forcedRuntime(address: URL | string, setting?: string | null): Forced | undefined {
  const fromUrl = new URL(address).searchParams.get('runtime');
  if (isRuntimeId(fromUrl)) return { id: fromUrl, by: `the address (?runtime=${fromUrl})` };
  if (isRuntimeId(setting)) return { id: setting, by: 'your setting' };
  return undefined;
}
