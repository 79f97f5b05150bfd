// The runtimes' public API: what the workbench imports. The adapters are not here: the workbench
// imports each one lazily (src/workbench/run-demo.ts), and re-exporting them would defeat that.
export type { DemoToRun, OutputSink, RunExit, RuntimeId } from './runtime.ts';
export { RUNTIME_NAMES, runsLiveInBrowser } from './runtime.ts';
export { createBoots, forcedRuntime, runWithFallback, type FallbackOptions, type FallbackResult } from './run-with-fallback.ts';
export { webContainerSupport } from './features.ts';
export { LazyRuntime } from './lazy-runtime.ts';
