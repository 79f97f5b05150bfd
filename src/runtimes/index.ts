// The runtimes' public API: what the workbench imports. Everything else is an implementation detail.
export type { Availability, DemoToRun, OutputSink, RunExit, RunHandle, RunOptions, Runtime, RuntimeId } from './runtime.ts';
export { RUNTIME_NAMES } from './runtime.ts';
export { chooseRuntime, forcedRuntime, NoRuntimeError, type Choice, type Forced, type Skipped } from './choose-runtime.ts';
export { createOutputBatcher, type OutputBatcher } from './output-batcher.ts';
export { webContainerSupport } from './features.ts';
export { LazyRuntime, type LazyRuntimeOptions } from './lazy-runtime.ts';
export { WorkerRuntime } from './worker-runtime.ts';
export { ReplayRuntime, transcriptFromFiles } from './replay-runtime.ts';
