import { describe, expect, it, vi } from 'vitest';
import { LazyRuntime } from './lazy-runtime.ts';
import type { Runtime } from './runtime.ts';

const demo = { id: 'demo', command: 'node main.js', files: [] };
const sink = { write: () => {} };

function adapter(): Runtime {
  return {
    id: 'worker',
    available: async () => ({ ok: true, why: 'workers work here' }),
    run: () => ({ exited: Promise.resolve({ code: 0, reason: 'exit' }), stop: () => {} }),
  };
}

describe('LazyRuntime', () => {
  it('imports nothing until asked, then imports once and answers as the adapter', async () => {
    const load = vi.fn(async () => adapter());
    const runtime = new LazyRuntime('worker', { load });
    expect(load).not.toHaveBeenCalled();
    expect(await runtime.available(demo)).toEqual({ ok: true, why: 'workers work here' });
    // No boot declared, so nothing for the fallback policy to wait for.
    expect(runtime.prepare).toBeUndefined();
    expect(await runtime.run(demo, { sink }).exited).toEqual({ code: 0, reason: 'exit' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('an adapter that boots is booted through it, after one import', async () => {
    const prepare = vi.fn(async () => undefined);
    const load = vi.fn(async () => ({ ...adapter(), id: 'webcontainer' as const, prepare }));
    const runtime = new LazyRuntime('webcontainer', { load, boots: true, needsNetwork: true });
    expect(runtime.needsNetwork).toBe(true);
    await runtime.prepare!(new AbortController().signal);
    await runtime.prepare!(new AbortController().signal);
    expect(load).toHaveBeenCalledTimes(1);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('preload() imports the adapter ahead of use, once', async () => {
    const load = vi.fn(async () => adapter());
    const runtime = new LazyRuntime('worker', { load });
    runtime.preload();
    await vi.waitFor(() => expect(runtime.loaded).toBe(true));
    await runtime.available(demo);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never imports an adapter that feature detection rules out', async () => {
    const load = vi.fn(async () => adapter());
    const runtime = new LazyRuntime('webcontainer', { load, precheck: () => ({ ok: false, why: 'this page is not cross-origin isolated' }) });
    expect(await runtime.available(demo)).toEqual({ ok: false, why: 'this page is not cross-origin isolated' });
    expect(load).not.toHaveBeenCalled();
    expect(runtime.loaded).toBe(false);
  });

  it('turns a failed import into a reason the fallback policy can show, and retries on the next run', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module')).mockResolvedValue(adapter());
    const runtime = new LazyRuntime('worker', { load });
    await expect(runtime.available(demo)).rejects.toThrow('its code could not be loaded (Failed to fetch dynamically imported module)');
    expect(await runtime.available(demo)).toMatchObject({ ok: true });
  });

  it('runs even if asked to before available(), and a Stop before the import lands stops it', async () => {
    const runtime = new LazyRuntime('worker', { load: async () => adapter() });
    const handle = runtime.run(demo, { sink });
    handle.stop();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    expect(await new LazyRuntime('worker', { load: async () => adapter() }).run(demo, { sink }).exited).toEqual({ code: 0, reason: 'exit' });
  });
});
