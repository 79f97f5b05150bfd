import { describe, expect, it, vi } from 'vitest';
import { startRunTask, TaskSettled } from './task.ts';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

function sink() {
  const output: string[] = [];
  return { output, sink: { write: (text: string) => output.push(text) } };
}

describe('startRunTask', () => {
  it('settles once: the first exit wins, later ones are ignored', async () => {
    const { sink: out } = sink();
    const handle = startRunTask({ sink: out }, (task) => {
      task.settle({ code: 0, reason: 'exit' });
      task.settle({ code: 1, reason: 'exit' });
      task.fail('too late');
    });
    expect(await handle.exited).toEqual({ code: 0, reason: 'exit' });
  });

  it('hands every byte written before the settle to the sink before the exit', async () => {
    const { output, sink: out } = sink();
    const handle = startRunTask({ sink: out }, (task) => {
      task.output.write('one ');
      task.output.write('two\n');
      task.settle({ code: 0, reason: 'exit' });
      task.output.write('after the end\n');
    });
    await handle.exited;
    expect(output.join('')).toBe('one two\n');
  });

  it('runs every cleanup once, newest first, even when one throws', async () => {
    const order: string[] = [];
    const handle = startRunTask({ sink: sink().sink }, (task) => {
      task.onCleanup(() => order.push('first'));
      task.onCleanup(() => {
        order.push('second');
        throw new Error('cleanup bug');
      });
      task.onCleanup(() => order.push('third'));
    });
    handle.stop();
    handle.stop();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    expect(order).toEqual(['third', 'second', 'first']);
  });

  it('Stop, or the caller aborting, ends the run and aborts its signal', async () => {
    const caller = new AbortController();
    let signal: AbortSignal | undefined;
    const handle = startRunTask({ sink: sink().sink, signal: caller.signal }, (task) => void (signal = task.signal));
    expect(signal?.aborted).toBe(false);
    caller.abort();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    expect(signal?.aborted).toBe(true);
  });

  it('never runs the body when the caller has already aborted', async () => {
    const caller = new AbortController();
    caller.abort();
    const body = vi.fn();
    const handle = startRunTask({ sink: sink().sink, signal: caller.signal }, body);
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    expect(body).not.toHaveBeenCalled();
  });

  it('a body that throws or rejects fails the run with its message, written to the output', async () => {
    const { output, sink: out } = sink();
    const thrown = startRunTask({ sink: out }, () => {
      throw new Error('no such file');
    });
    expect(await thrown.exited).toEqual({ code: null, reason: 'error', message: 'no such file' });
    const rejected = startRunTask({ sink: out }, async () => {
      await Promise.resolve();
      throw new Error('boot failed');
    });
    expect(await rejected.exited).toEqual({ code: null, reason: 'error', message: 'boot failed' });
    expect(output.join('')).toBe('no such file\nboot failed\n');
  });

  it('until(): a step that finishes after Stop is discarded, and the body ends without an error', async () => {
    const spawn = deferred<{ kill: () => void }>();
    const kill = vi.fn();
    let afterStep = false;
    const handle = startRunTask({ sink: sink().sink }, async (task) => {
      await task.until(spawn.promise, (late) => late.kill());
      afterStep = true;
    });
    handle.stop();
    spawn.resolve({ kill });
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    await vi.waitFor(() => expect(kill).toHaveBeenCalledOnce());
    expect(afterStep).toBe(false);
  });

  it('until(): a step that fails fails the run; TaskSettled is never reported as an error', async () => {
    const step = deferred<void>();
    const handle = startRunTask({ sink: sink().sink }, (task) => task.until(step.promise));
    step.reject(new Error('mount failed'));
    expect(await handle.exited).toEqual({ code: null, reason: 'error', message: 'mount failed' });
    // A TaskSettled from a task that has not settled is not an ending: the run fails, never hangs.
    const stray = startRunTask({ sink: sink().sink }, () => {
      throw new TaskSettled('settled');
    });
    expect(await stray.exited).toEqual({ code: null, reason: 'error', message: 'settled' });
  });
});
