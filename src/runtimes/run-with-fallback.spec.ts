import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBoots, forcedRuntime, runWithFallback, type FallbackOptions } from './run-with-fallback.ts';
import type { Availability, RunExit, RunHandle, RunOptions, Runtime, RuntimeId } from './runtime.ts';
import { startRunTask } from './task.ts';

interface FakeOptions {
  availability?: Availability;
  /** A boot, as WebContainer's prepare(). */
  prepare?: (signal: AbortSignal) => Promise<void>;
  /** What a run prints, then how it ends; 'forever' runs until stopped. */
  prints?: string;
  ends?: RunExit | 'forever';
  needsNetwork?: boolean;
}

/** A runtime whose runs are recorded, built on the task helper like the real adapters. */
function fake(id: RuntimeId, options: FakeOptions = {}): Runtime & { runs: number } {
  const runtime = {
    id,
    runs: 0,
    needsNetwork: options.needsNetwork ?? false,
    available: async () => options.availability ?? { ok: true, why: 'fine' },
    ...(options.prepare ? { prepare: options.prepare } : {}),
    run(_demo: unknown, run: RunOptions): RunHandle {
      runtime.runs++;
      return startRunTask({ sink: run.sink, signal: run.signal }, (task) => {
        const ends = options.ends ?? { code: 0, reason: 'exit' };
        // A runtime that cannot run the demo prints only why (task.fail writes it).
        if (ends !== 'forever' && ends.reason === 'error') return task.fail(ends.message!);
        task.output.write(options.prints ?? `${id} ran\n`);
        if (ends !== 'forever') task.settle(ends);
      });
    },
  };
  return runtime;
}

const demo = { id: 'blocking-stall', command: 'node main.js', files: [], runtimes: ['webcontainer', 'worker', 'replay'] as RuntimeId[] };
const server = { ...demo, id: 'comet-chat', port: 8000, runtimes: ['webcontainer', 'replay'] as RuntimeId[] };
const notIsolated = () => fake('webcontainer', { availability: { ok: false, why: 'this page is not cross-origin isolated' }, needsNetwork: true });
const hangingBoot = () => fake('webcontainer', { prepare: () => new Promise(() => {}), needsNetwork: true });

function start(overrides: Partial<FallbackOptions> & Pick<FallbackOptions, 'runtimes'>) {
  const output: string[] = [];
  const progress: string[] = [];
  const running: string[] = [];
  const settledBoots: string[] = [];
  const controller = new AbortController();
  const result = runWithFallback({
    demo,
    boots: createBoots(),
    signal: controller.signal,
    sink: { write: (text) => output.push(text) },
    onProgress: (text) => progress.push(text),
    onRunning: (id, sentence) => running.push(`${id}: ${sentence}`),
    onBootSettled: (_id, _ok, text) => settledBoots.push(text),
    ...overrides,
  });
  return { result, output, progress, running, settledBoots, stop: () => controller.abort() };
}

describe('runWithFallback', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs in the demo's first choice when it is ready, and says so", async () => {
    const booted = fake('webcontainer', { prepare: async () => undefined });
    const worker = fake('worker');
    const run = start({ runtimes: [booted, worker] });
    const { exit, ran, sentence } = await run.result;
    expect({ exit, ran, sentence }).toEqual({
      exit: { code: 0, reason: 'exit' },
      ran: 'webcontainer',
      sentence: "Ran in WebContainer (Node.js in the browser), this demo's first choice.",
    });
    expect(worker.runs).toBe(0);
    expect(run.output.join('')).toBe('webcontainer ran\n');
  });

  it('runs a forced runtime first and says who asked', async () => {
    const worker = fake('worker');
    const run = start({ runtimes: [hangingBoot(), worker, fake('replay')], forced: { id: 'worker', by: 'your setting' } });
    expect((await run.result).sentence).toBe('Ran in a Web Worker, as your setting asked.');
    expect(run.progress).toEqual(['Starting a Web Worker…']);
  });

  it('says so when the forced runtime cannot run this demo, and runs the best one that can', async () => {
    const booted = fake('webcontainer', { prepare: async () => undefined });
    const run = start({ demo: server, runtimes: [booted, fake('worker'), fake('replay')], forced: { id: 'worker', by: 'the address (?runtime=worker)' } });
    expect((await run.result).sentence).toBe(
      "Ran in WebContainer (Node.js in the browser), this demo's first choice. This demo cannot run in a Web Worker, which the address (?runtime=worker) asked for.",
    );
  });

  it('passes over an unavailable runtime and names why', async () => {
    const run = start({ runtimes: [notIsolated(), fake('worker'), fake('replay')] });
    expect((await run.result).sentence).toBe('Ran in a Web Worker: this page is not cross-origin isolated, so WebContainer cannot boot.');
  });

  it('offline, never starts a boot that needs the network', async () => {
    const prepare = vi.fn(() => new Promise<void>(() => {}));
    const webcontainer = fake('webcontainer', { prepare, needsNetwork: true });
    const run = start({ runtimes: [webcontainer, fake('worker')], online: false });
    expect((await run.result).sentence).toBe('Ran in a Web Worker: this browser is offline, so WebContainer cannot boot.');
    expect(prepare).not.toHaveBeenCalled();
  });

  it('moves on when a boot fails, with the boot error', async () => {
    const broken = fake('webcontainer', {
      prepare: async () => {
        throw new Error('Unable to reach stackblitz.com');
      },
    });
    const run = start({ runtimes: [broken, fake('worker')] });
    expect((await run.result).sentence).toBe('Ran in a Web Worker: WebContainer failed to boot (Unable to reach stackblitz.com).');
  });

  it('waits only the grace for a slow boot, runs the next runtime, and lets the boot go on for the next Run', async () => {
    let booted!: () => void;
    let bootSignal: AbortSignal | undefined;
    const prepare = vi.fn((signal: AbortSignal) => {
      bootSignal = signal;
      return new Promise<void>((resolve) => (booted = resolve));
    });
    const webcontainer = fake('webcontainer', { prepare, needsNetwork: true });
    const worker = fake('worker');
    const boots = createBoots();
    const first = start({ runtimes: [webcontainer, worker], boots, graceMs: 2000 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(worker.runs).toBe(0);
    expect(first.progress.at(-1)).toBe('Booting WebContainer… If it is not ready within 2 s, the demo runs in a Web Worker instead.');
    await vi.advanceTimersByTimeAsync(1);
    expect((await first.result).sentence).toBe(
      'Ran in a Web Worker: WebContainer was still booting after 2 s, so the demo did not wait for it (it goes on booting, for your next Run).',
    );
    expect(bootSignal?.aborted).toBe(false);

    booted();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.settledBoots).toEqual(['WebContainer has booted: your next Run uses it.']);
    const second = start({ runtimes: [webcontainer, worker], boots });
    expect((await second.result).ran).toBe('webcontainer');
    // One boot for the page, joined by the second Run.
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('after a boot outlasts its timeout, a later Run does not wait for it again', async () => {
    const webcontainer = hangingBoot();
    const worker = fake('worker');
    const boots = createBoots();
    const first = start({ runtimes: [webcontainer, worker], boots, graceMs: 2000, bootTimeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect((await first.result).ran).toBe('worker');
    await vi.advanceTimersByTimeAsync(3000);
    expect(first.settledBoots).toEqual(['WebContainer failed to boot in the background (it did not answer within 5 s).']);
    // The boot is still stuck inside the runtime: the next Run neither waits for it nor starts another.
    const worker2 = fake('worker');
    const second = start({ runtimes: [webcontainer, worker2], boots, graceMs: 2000, bootTimeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(0);
    expect((await second.result).sentence).toBe('Ran in a Web Worker: WebContainer failed to boot (it did not answer within 5 s).');
    expect(second.progress).not.toContainEqual(expect.stringMatching(/^Booting/));
  });

  it('a boot that lands after its timeout is used by the next Run', async () => {
    let booted!: () => void;
    const prepare = vi.fn(() => new Promise<void>((resolve) => (booted = resolve)));
    const webcontainer = fake('webcontainer', { prepare, needsNetwork: true });
    const boots = createBoots();
    const first = start({ runtimes: [webcontainer, fake('worker')], boots, graceMs: 100, bootTimeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect((await first.result).ran).toBe('worker');
    booted();
    await vi.advanceTimersByTimeAsync(0);
    expect((await start({ runtimes: [webcontainer, fake('worker')], boots }).result).ran).toBe('webcontainer');
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('when everything after a slow boot fails, it waits for the boot after all and runs there', async () => {
    let booted!: () => void;
    const webcontainer = fake('webcontainer', { prepare: () => new Promise<void>((resolve) => (booted = resolve)), needsNetwork: true });
    const edited = fake('replay', { availability: { ok: false, why: 'these files have been edited' } });
    const run = start({ demo: server, runtimes: [webcontainer, edited], graceMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.progress.at(-1)).toBe('Booting WebContainer; it can take up to 20 s…');
    booted();
    const result = await run.result;
    expect(result.ran).toBe('webcontainer');
    expect(result.sentence).toBe(
      "Ran in WebContainer (Node.js in the browser): these files have been edited, so it cannot be replayed.",
    );
  });

  it('a runtime whose check throws is passed over with the reason', async () => {
    const broken: Runtime = { ...fake('worker'), available: async () => Promise.reject(new Error('its code could not be loaded (Failed to fetch)')) };
    const run = start({ demo: { ...demo, runtimes: ['worker', 'replay'] }, runtimes: [broken, fake('replay')] });
    expect((await run.result).sentence).toMatch(/^Ran in a replay of a recorded run: the Web Worker could not run it \(its code could not be loaded \(Failed to fetch\)\)\./);
  });

  it('Stop during the grace ends at once and runs nothing', async () => {
    const worker = fake('worker');
    const run = start({ runtimes: [hangingBoot(), worker], graceMs: 2000 });
    await vi.advanceTimersByTimeAsync(500);
    run.stop();
    expect(await run.result).toMatchObject({ exit: { reason: 'stopped' }, ran: undefined, sentence: 'Stopped before any runtime ran it.' });
    expect(worker.runs).toBe(0);
  });

  it('Stop while the adapter is still being checked ends at once', async () => {
    const slowCheck: Runtime = { ...fake('worker'), available: () => new Promise(() => {}) };
    const run = start({ demo: { ...demo, runtimes: ['worker'] }, runtimes: [slowCheck] });
    await vi.advanceTimersByTimeAsync(10);
    run.stop();
    expect((await run.result).sentence).toBe('Stopped before any runtime ran it.');
  });

  it('a reader who forced the runtime waits for its whole boot, then moves on when it times out', async () => {
    const worker = fake('worker');
    const run = start({ runtimes: [hangingBoot(), worker], forced: { id: 'webcontainer', by: 'your setting' }, graceMs: 2000, bootTimeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(4999);
    expect(worker.runs).toBe(0);
    expect(run.progress.at(-1)).toBe('Booting WebContainer, as your setting asked; it can take up to 5 s…');
    await vi.advanceTimersByTimeAsync(1);
    expect((await run.result).sentence).toBe('Ran in a Web Worker: WebContainer failed to boot (it did not answer within 5 s).');
  });

  it('moves on when a runtime starts but cannot run the demo, keeping what it printed', async () => {
    const replay = fake('replay', { ends: { code: null, reason: 'error', message: 'Cannot replay: the recorded run could not be fetched' } });
    const worker = fake('worker');
    const run = start({ demo: { ...demo, runtimes: ['worker', 'replay'] }, runtimes: [replay, worker], forced: { id: 'replay', by: 'the address (?runtime=replay)' } });
    const result = await run.result;
    expect(result.sentence).toBe('Ran in a Web Worker: the replay could not run it (Cannot replay: the recorded run could not be fetched).');
    expect(run.output.join('')).toBe('Cannot replay: the recorded run could not be fetched\nworker ran\n');
    expect(run.running).toEqual([
      'replay: Ran in a replay of a recorded run, as the address (?runtime=replay) asked. A replay shows a real run of the original code, not a live one.',
      'worker: Ran in a Web Worker: the replay could not run it (Cannot replay: the recorded run could not be fetched).',
    ]);
  });

  it('when nothing can run it, says why for each runtime', async () => {
    const noTranscript = fake('replay', { availability: { ok: false, why: 'there is no recorded run of this demo' } });
    const run = start({ demo: server, runtimes: [notIsolated(), fake('worker'), noTranscript] });
    expect(await run.result).toEqual({
      exit: {
        code: null,
        reason: 'error',
        message:
          'Nothing on this page can run this demo: this page is not cross-origin isolated, so WebContainer cannot boot; there is no recorded run of this demo, so it cannot be replayed.',
      },
      ran: undefined,
      sentence:
        'Nothing on this page can run this demo: this page is not cross-origin isolated, so WebContainer cannot boot; there is no recorded run of this demo, so it cannot be replayed.',
      skipped: expect.any(Array),
    });
  });

  it('skips what the caller excluded, and says why', async () => {
    const run = start({ runtimes: [fake('webcontainer'), fake('worker')], exclude: [{ id: 'webcontainer', reason: 'broke', why: 'its last run crashed' }] });
    expect((await run.result).sentence).toBe('Ran in a Web Worker: WebContainer could not run it (its last run crashed).');
  });

  it('Stop while a boot is awaited ends at once and runs nothing', async () => {
    const worker = fake('worker');
    const run = start({ runtimes: [hangingBoot(), worker], forced: { id: 'webcontainer', by: 'your setting' } });
    await vi.advanceTimersByTimeAsync(100);
    run.stop();
    expect(await run.result).toMatchObject({ exit: { code: null, reason: 'stopped' }, ran: undefined, sentence: 'Stopped before any runtime ran it.' });
    expect(worker.runs).toBe(0);
  });

  it('Stop during a run stops that run and tries nothing else', async () => {
    const worker = fake('worker', { ends: 'forever' });
    const replay = fake('replay');
    const run = start({ runtimes: [worker, replay] });
    await vi.advanceTimersByTimeAsync(10);
    run.stop();
    expect(await run.result).toMatchObject({ exit: { reason: 'stopped' }, ran: 'worker' });
    expect(replay.runs).toBe(0);
  });

  it('a server demo not run live says that nothing is serving', async () => {
    const run = start({ demo: server, runtimes: [notIsolated(), fake('replay')] });
    expect((await run.result).sentence).toBe(
      'Ran in a replay of a recorded run: this page is not cross-origin isolated, so WebContainer cannot boot. ' +
        'A replay shows a real run of the original code, not a live one. This demo is a server, and no server is running here: ' +
        'the terminal plays back a recorded session with the real server, driven by a scripted client whose lines start with [client]. ' +
        'The live preview needs WebContainer or the local runner.',
    );
    const worker = start({ demo: { ...server, runtimes: ['webcontainer', 'worker'] }, runtimes: [notIsolated(), fake('worker')] });
    expect((await worker.result).sentence).toMatch(/ This demo is a server: only WebContainer or the local runner can run one and show it in a preview\.$/);
  });
});

describe('forcedRuntime', () => {
  it('takes ?runtime= over the setting, and ignores what is not a runtime', () => {
    expect(forcedRuntime('https://x.test/?runtime=replay', 'worker')).toEqual({ id: 'replay', by: 'the address (?runtime=replay)' });
    expect(forcedRuntime('https://x.test/', 'worker')).toEqual({ id: 'worker', by: 'your setting' });
    expect(forcedRuntime('https://x.test/?runtime=<script>', 'nonsense')).toBeUndefined();
  });
});
