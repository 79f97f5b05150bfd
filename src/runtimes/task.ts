// The skeleton every runtime's run() shares: one abort signal, one settle, one cleanup. An
// adapter describes only its own work (start a worker, spawn a process, play a transcript); the
// task owns the rest, so a run that is stopped while a step is still under way can neither
// settle twice nor leak what that step hands back later.
import { createOutputBatcher, type BatcherOptions, type OutputBatcher } from './output-batcher.ts';
import type { OutputSink, RunExit, RunHandle } from './runtime.ts';
import { messageOf } from '../shared/words.ts';

export interface RunTask {
  /** Aborted once the task has settled, however it settled: work in flight should stop. */
  readonly signal: AbortSignal;
  readonly settled: boolean;
  /** The run's output, batched to one write per frame (see output-batcher.ts). */
  readonly output: OutputBatcher;
  /** Ends the run with this exit; only the first call counts. */
  settle(exit: RunExit): void;
  /** Ends the run because the runtime itself could not run it, and says why in the output. */
  fail(message: string): void;
  /** Called once when the task settles, newest first, before its exit is handed on. */
  onCleanup(cleanup: () => void): void;
  /**
   * Waits for a step of the run. If the task settles first, the wait rejects with TaskSettled
   * (which the task swallows), and whatever the step hands back later goes to `discard`
   * (a process spawned after Stop is killed there).
   */
  until<T>(step: Promise<T>, discard?: (late: T) => void): Promise<T>;
}

/** The task ended while a step was under way: not an error, only the end of the body. */
export class TaskSettled extends Error {
  override name = 'TaskSettled';
}

export interface TaskOptions {
  sink: OutputSink;
  /** Aborting it is Stop. */
  signal?: AbortSignal | undefined;
  batcher?: BatcherOptions | undefined;
  /** See RunOptions.keepLinesStartingWith. */
  keepLinesStartingWith?: string | undefined;
}

/**
 * Starts `body` as a run. A body that throws or rejects (other than TaskSettled) fails the run
 * with its message; a body that returns leaves the run going until something settles it.
 */
export function startRunTask(options: TaskOptions, body: (task: RunTask) => void | Promise<void>): RunHandle {
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  const output = createOutputBatcher(options.sink, { ...options.batcher, keepLinesStartingWith: options.keepLinesStartingWith });
  let resolveExit!: (exit: RunExit) => void;
  const exited = new Promise<RunExit>((resolve) => (resolveExit = resolve));

  const settle = (exit: RunExit) => {
    if (controller.signal.aborted) return;
    controller.abort(new TaskSettled(exit.reason));
    options.signal?.removeEventListener('abort', stop);
    for (const cleanup of cleanups.reverse()) {
      try {
        cleanup();
      } catch {
        // A cleanup that throws must not keep the others from running, nor the exit from settling.
      }
    }
    // Last, so every byte written before the settle reaches the sink before `exited` does.
    output.dispose();
    resolveExit(exit);
  };
  const stop = () => settle({ code: null, reason: 'stopped' });

  const task: RunTask = {
    signal: controller.signal,
    get settled() {
      return controller.signal.aborted;
    },
    output,
    settle,
    fail(message) {
      if (controller.signal.aborted) return;
      output.write(`${message}\n`);
      settle({ code: null, reason: 'error', message });
    },
    onCleanup(cleanup) {
      if (controller.signal.aborted) cleanup();
      else cleanups.push(cleanup);
    },
    until(step, discard) {
      const { signal } = controller;
      if (signal.aborted) {
        if (discard) step.then(discard, () => undefined);
        return Promise.reject(new TaskSettled('settled'));
      }
      return new Promise((resolve, reject) => {
        const onSettled = () => reject(new TaskSettled('settled'));
        signal.addEventListener('abort', onSettled, { once: true });
        step.then(
          (value) => {
            signal.removeEventListener('abort', onSettled);
            if (signal.aborted) discard?.(value);
            else resolve(value);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onSettled);
            reject(error);
          },
        );
      });
    },
  };

  if (options.signal?.aborted) {
    stop();
    return { exited, stop };
  }
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const running = body(task);
    // TaskSettled ends a body quietly only once the task has settled; from anywhere else it is a bug.
    if (running) running.catch((error: unknown) => (error instanceof TaskSettled && task.settled) || task.fail(messageOf(error)));
  } catch (error) {
    if (!(error instanceof TaskSettled && task.settled)) task.fail(messageOf(error));
  }
  return { exited, stop };
}
