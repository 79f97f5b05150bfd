// The page's side of a run: the runtimes this page offers (each adapter imported only when the
// fallback policy first asks about it), the page's boots, and what the browser says (the address,
// the reader's setting, whether it is online). The policy itself is src/runtimes/run-with-fallback.ts.
import { createBoots, forcedRuntime, LazyRuntime, runsLiveInBrowser, runWithFallback, webContainerSupport, type FallbackOptions, type FallbackResult, type RuntimeId } from '../runtimes/index.ts';
import { runnerToken } from '../runtimes/runner-token.ts';
import { savedRuntimeSetting } from './runtime-setting.ts';

/** From the first boot on, page moves keep the instance (see keep-alive-navigation.ts). */
const keepAlive = () => void import('./keep-alive-navigation.ts').then((module) => module.keepPageAliveAcrossLinks());

let runtimes: LazyRuntime[] | undefined;
/** The adapters, best first; one set per page, each loaded on first use. */
function pageRuntimes(): LazyRuntime[] {
  const token = runnerToken();
  return (runtimes ??= [
    // Only where the page was served with the local runner: a static host never offers it.
    ...(token ? [new LazyRuntime('local', { load: () => import('../runtimes/local-runtime.ts').then((module) => new module.LocalRuntime({ token })) })] : []),
    new LazyRuntime('webcontainer', {
      load: () => import('../runtimes/webcontainer-runtime.ts').then((module) => new module.WebContainerRuntime({ onBooted: keepAlive })),
      precheck: () => webContainerSupport(),
      needsNetwork: true,
      boots: true,
    }),
    new LazyRuntime('worker', { load: () => import('../runtimes/worker-runtime.ts').then((module) => new module.WorkerRuntime()) }),
    new LazyRuntime('replay', { load: () => import('../runtimes/replay-runtime.ts').then((module) => new module.ReplayRuntime()) }),
  ]);
}

/** One per realm: a boot started on one page is joined by the next page's runs after an in-place move. */
const BOOTS_KEY = Symbol.for('async-talk.boots');
function pageBoots() {
  const scope = globalThis as typeof globalThis & { [BOOTS_KEY]?: ReturnType<typeof createBoots> };
  return (scope[BOOTS_KEY] ??= createBoots());
}

/**
 * Tests shorten the grace and the boot timeout with `?boot-grace-ms=` and `?boot-timeout-ms=`,
 * so none of them waits 20 s for a boot that cannot come; a reader never needs them.
 */
function timing(address: URL): Pick<FallbackOptions, 'graceMs' | 'bootTimeoutMs'> {
  const number = (name: string) => {
    const value = Number(address.searchParams.get(name) ?? NaN);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  return { graceMs: number('boot-grace-ms'), bootTimeoutMs: number('boot-timeout-ms') };
}

/**
 * Loads the Web Worker adapter ahead of the Run, when the demo can run in it: it is what runs a
 * demo whenever WebContainer cannot, and offline it must already be here.
 */
export function preloadFallbacks(demo: { runtimes: readonly RuntimeId[] }): void {
  if (demo.runtimes.includes('worker')) pageRuntimes().find((runtime) => runtime.id === 'worker')?.preload();
}

/** Why a page cannot run demos locally, for the sentence about runtimes. */
export const NO_LOCAL_RUNNER = 'this page comes from a static host, not from `npm run present` on your own computer';

/**
 * The runtimes this page offers the demo, best first: the demo's own, less the local runner
 * where the page was not served with it (there it is not a choice, so no sentence names it).
 */
export function offeredRuntimes(demo: { runtimes: readonly RuntimeId[] }): RuntimeId[] {
  const local = runnerToken() !== undefined;
  return demo.runtimes.filter((id) => id !== 'local' || local);
}

export type PageRun = Omit<FallbackOptions, 'runtimes' | 'boots' | 'forced' | 'online' | 'graceMs' | 'bootTimeoutMs'>;

/** Runs the demo with this page's runtimes and the reader's choice; never throws. */
export function runDemo(run: PageRun): Promise<FallbackResult> {
  const address = new URL(location.href);
  const forced = forcedRuntime(address, savedRuntimeSetting());
  const offered = offeredRuntimes(run.demo);
  // Not here, and either asked for or the only live runtime the demo has (a Python program): it
  // stays in the order, so the sentence says why the run is not live and where it would be.
  const missingLocal = run.demo.runtimes.includes('local') && !offered.includes('local') && (forced?.id === 'local' || !runsLiveInBrowser(run.demo.runtimes));
  return runWithFallback({
    ...run,
    demo: { ...run.demo, runtimes: missingLocal ? run.demo.runtimes : offered },
    exclude: missingLocal ? [{ id: 'local', reason: 'unavailable', why: NO_LOCAL_RUNNER }] : undefined,
    ...timing(address),
    runtimes: pageRuntimes(),
    boots: pageBoots(),
    forced,
    online: navigator.onLine,
  });
}
