// One run: choose a runtime, run the demo in it, and fall back to the next runtime if this one
// could not run it at all (reason 'error'). The runtimes are imported on first use, so none of
// their code loads with the workbench until Run.
import { chooseRuntime, forcedRuntime, type Choice, type OutputSink, type RunExit, type Runtime, type Skipped } from '../runtimes/index.ts';
import type { DemoData } from './demo-data.ts';

/** From the first boot on, page moves keep the instance (see keep-alive-navigation.ts). */
const keepAlive = () => void import('./keep-alive-navigation.ts').then((module) => module.keepPageAliveAcrossLinks());

let runtimes: Promise<Runtime[]> | undefined;
/** The three adapters, best first; loaded once per page. */
export function loadRuntimes(): Promise<Runtime[]> {
  return (runtimes ??= Promise.all([
    import('../runtimes/webcontainer-runtime.ts'),
    import('../runtimes/worker-runtime.ts'),
    import('../runtimes/replay-runtime.ts'),
  ]).then(([wc, worker, replay]) => [new wc.WebContainerRuntime({ onBooted: keepAlive }), new worker.WorkerRuntime(), new replay.ReplayRuntime()]));
}

const SETTING_KEY = 'async-talk:runtime';
const savedSetting = () => {
  try {
    return localStorage.getItem(SETTING_KEY);
  } catch {
    return null;
  }
};

export interface RunEvents {
  sink: OutputSink;
  signal: AbortSignal;
  /** Called with each runtime chosen (again on a fallback). */
  onChoice(choice: Choice): void;
  onServerReady(port: number, url: string): void;
}

/** Runs the demo to its end; never throws except when aborted (the caller's Stop). */
export async function runDemo(demo: DemoData, events: RunEvents): Promise<RunExit> {
  const all = await loadRuntimes();
  const exclude: Skipped[] = [];
  for (;;) {
    const choice = await chooseRuntime(demo, all, {
      forced: forcedRuntime(location.href, savedSetting()),
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
