// One run: choose a runtime, run the demo in it, and fall back to the next runtime if this one
// could not run it at all (reason 'error'). Each runtime's adapter is imported only when the
// chooser first asks about it, so a run loads the code of the runtimes it tries and no other.
import { chooseRuntime, forcedRuntime, LazyRuntime, webContainerSupport, type Choice, type OutputSink, type RunExit, type Runtime, type Skipped } from '../runtimes/index.ts';
import type { DemoData } from './demo-data.ts';
import { savedRuntimeSetting } from './runtime-setting.ts';

/** From the first boot on, page moves keep the instance (see keep-alive-navigation.ts). */
const keepAlive = () => void import('./keep-alive-navigation.ts').then((module) => module.keepPageAliveAcrossLinks());

let runtimes: Runtime[] | undefined;
/** The three adapters, best first; one set per page, each loaded on first use. */
export function loadRuntimes(): Runtime[] {
  return (runtimes ??= [
    new LazyRuntime('webcontainer', {
      load: () => import('../runtimes/webcontainer-runtime.ts').then((module) => new module.WebContainerRuntime({ onBooted: keepAlive })),
      precheck: () => webContainerSupport(),
    }),
    new LazyRuntime('worker', { load: () => import('../runtimes/worker-runtime.ts').then((module) => new module.WorkerRuntime()) }),
    new LazyRuntime('replay', { load: () => import('../runtimes/replay-runtime.ts').then((module) => new module.ReplayRuntime()) }),
  ]);
}

export interface RunEvents {
  sink: OutputSink;
  signal: AbortSignal;
  /** Called with each runtime chosen (again on a fallback). */
  onChoice(choice: Choice): void;
  onServerReady(port: number, url: string): void;
}

/** Runs the demo to its end; never throws except when aborted (the caller's Stop). */
export async function runDemo(demo: DemoData, events: RunEvents): Promise<RunExit> {
  const all = loadRuntimes();
  const exclude: Skipped[] = [];
  for (;;) {
    const choice = await chooseRuntime(demo, all, {
      forced: forcedRuntime(location.href, savedRuntimeSetting()),
      exclude,
      signal: events.signal,
    });
    events.onChoice(choice);
    const handle = choice.runtime.run(demo, { sink: events.sink, signal: events.signal, onServerReady: events.onServerReady });
    const exit = await handle.exited;
    if (exit.reason !== 'error' || events.signal.aborted) return exit;
    exclude.push({ id: choice.runtime.id, why: `it could not run it (${exit.message ?? 'no reason given'})` });
  }
}
