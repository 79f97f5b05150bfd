import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseRuntime, forcedRuntime, NoRuntimeError } from './choose-runtime.ts';
import { webContainerSupport } from './features.ts';
import type { Availability, Runtime, RuntimeId } from './runtime.ts';

function fake(id: RuntimeId, availability: Availability, prepare?: (signal: AbortSignal) => Promise<void>): Runtime {
  return {
    id,
    available: async () => availability,
    ...(prepare ? { prepare } : {}),
    run: () => {
      throw new Error('not run by the chooser');
    },
  };
}

const demo = { id: 'blocking-stall', command: 'node main.js', files: [], runtimes: ['webcontainer', 'worker', 'replay'] as RuntimeId[] };
const notIsolated = fake('webcontainer', { ok: false, why: 'this page is not cross-origin isolated' });
const worker = fake('worker', { ok: true, why: 'Web Workers need neither cross-origin isolation nor the network' });
const replay = fake('replay', { ok: true, why: 'a recorded run of this exact code exists' });

describe('chooseRuntime', () => {
  afterEach(() => vi.useRealTimers());

  it('takes the first available runtime and says why the better ones were skipped', async () => {
    const choice = await chooseRuntime(demo, [notIsolated, worker, replay]);
    expect(choice.runtime).toBe(worker);
    expect(choice.sentence).toBe('Ran in a Web Worker: this page is not cross-origin isolated, so WebContainer cannot boot.');
  });

  it('says so when the first choice was available', async () => {
    const booted = fake('webcontainer', { ok: true, why: 'this page is cross-origin isolated' }, async () => {});
    const choice = await chooseRuntime(demo, [booted, worker, replay]);
    expect(choice.runtime).toBe(booted);
    expect(choice.sentence).toBe("Ran in WebContainer (Node.js in the browser), this demo's first choice: this page is cross-origin isolated.");
  });

  it('falls back when the boot fails', async () => {
    const broken = fake('webcontainer', { ok: true, why: 'isolated' }, async () => {
      throw new Error('Unable to reach stackblitz.com');
    });
    const choice = await chooseRuntime(demo, [broken, worker, replay]);
    expect(choice.runtime).toBe(worker);
    expect(choice.sentence).toBe('Ran in a Web Worker: it failed to start (Unable to reach stackblitz.com), so WebContainer cannot boot.');
  });

  it('falls back when the boot never answers, and aborts the boot', async () => {
    vi.useFakeTimers();
    let bootSignal: AbortSignal | undefined;
    const hanging = fake('webcontainer', { ok: true, why: 'isolated' }, (signal) => {
      bootSignal = signal;
      return new Promise(() => {});
    });
    const choosing = chooseRuntime(demo, [hanging, worker, replay], { timeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(5000);
    const choice = await choosing;
    expect(choice.runtime).toBe(worker);
    expect(choice.sentence).toBe('Ran in a Web Worker: it failed to start (it did not answer within 5 s), so WebContainer cannot boot.');
    expect(bootSignal?.aborted).toBe(true);
  });

  it('lands on replay last, and the sentence says it is the last resort', async () => {
    const noWorker = fake('worker', { ok: false, why: 'this browser has no Web Workers' });
    const choice = await chooseRuntime(demo, [notIsolated, noWorker, replay]);
    expect(choice.runtime).toBe(replay);
    expect(choice.sentence).toBe(
      'Ran in a replay of a recorded Node.js run: this page is not cross-origin isolated, so WebContainer cannot boot; ' +
        'this browser has no Web Workers, so the Web Worker runtime cannot run it. ' +
        'Replay is the last resort: it shows a real run of the original code, not a live one.',
    );
  });

  it('honours a forced runtime the demo supports', async () => {
    const booted = fake('webcontainer', { ok: true, why: 'isolated' });
    const choice = await chooseRuntime(demo, [booted, worker, replay], { forced: { id: 'replay', by: 'the address (?runtime=replay)' } });
    expect(choice.runtime).toBe(replay);
    expect(choice.sentence).toBe(
      'Ran in a replay of a recorded Node.js run, as the address (?runtime=replay) asked. Replay is the last resort: it shows a real run of the original code, not a live one.',
    );
  });

  it('ignores a forced runtime the demo does not support, and says so', async () => {
    const chat = { ...demo, runtimes: ['webcontainer', 'replay'] as RuntimeId[] };
    const choice = await chooseRuntime(chat, [notIsolated, worker, replay], { forced: { id: 'worker', by: 'your setting' } });
    expect(choice.runtime).toBe(replay);
    expect(choice.sentence).toContain('This demo cannot run in a Web Worker, which your setting asked for.');
  });

  it('falls back past a runtime whose run failed, when asked again with it excluded', async () => {
    const choice = await chooseRuntime(demo, [notIsolated, worker, replay], {
      exclude: [{ id: 'worker', why: 'the Web Worker failed before the program could run' }],
    });
    expect(choice.runtime).toBe(replay);
    expect(choice.sentence).toMatch(/^Ran in a replay of a recorded Node.js run: the Web Worker failed before the program could run, so the Web Worker runtime cannot run it; this page is not cross-origin isolated/);
  });

  it('says why nothing can run the demo', async () => {
    const edited = fake('replay', { ok: false, why: 'the code was edited' });
    const attempt = chooseRuntime({ ...demo, runtimes: ['webcontainer', 'replay'] }, [notIsolated, edited]);
    await expect(attempt).rejects.toThrow(NoRuntimeError);
    await expect(attempt).rejects.toThrow(
      'Nothing on this page can run this demo: this page is not cross-origin isolated, so WebContainer cannot boot; the code was edited, so it cannot be replayed.',
    );
  });

  it('names a runtime the page did not load', async () => {
    const choice = await chooseRuntime(demo, [worker]);
    expect(choice.sentence).toBe('Ran in a Web Worker: this page did not load it, so WebContainer cannot boot.');
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(chooseRuntime(demo, [worker], { signal: controller.signal })).rejects.toThrow();
  });
});

describe('forcedRuntime', () => {
  it('reads ?runtime= first, then the setting, and ignores unknown names', () => {
    expect(forcedRuntime('https://x.test/chapters/a/?runtime=worker', 'replay')).toEqual({ id: 'worker', by: 'the address (?runtime=worker)' });
    expect(forcedRuntime('https://x.test/?runtime=bogus', 'replay')).toEqual({ id: 'replay', by: 'your setting' });
    expect(forcedRuntime('https://x.test/', null)).toBeUndefined();
  });
});

describe('webContainerSupport', () => {
  it('detects features, not browsers', () => {
    expect(webContainerSupport({ crossOriginIsolated: false, SharedArrayBuffer, Worker: class {} })).toEqual({ ok: false, why: 'this page is not cross-origin isolated' });
    expect(webContainerSupport({ crossOriginIsolated: true, Worker: class {} })).toEqual({ ok: false, why: 'this browser has no SharedArrayBuffer' });
    expect(webContainerSupport({ crossOriginIsolated: true, SharedArrayBuffer, Worker: class {} }).ok).toBe(true);
  });
});
