import { describe, expect, it } from 'vitest';
import { Stopwatch } from './stopwatch.ts';

function memory() {
  const map = new Map<string, string>();
  return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value) };
}

describe('Stopwatch', () => {
  it('runs, pauses, resumes and survives being recreated (a reload)', () => {
    let now = 1_000;
    const storage = memory();
    const watch = new Stopwatch(storage, () => now);
    watch.toggle();
    now += 5_000;
    expect(watch.elapsed()).toBe(5_000);
    watch.toggle();
    now += 60_000; // paused: no time passes
    expect(watch.elapsed()).toBe(5_000);
    watch.toggle();
    now += 1_000;
    const reloaded = new Stopwatch(storage, () => now);
    expect(reloaded.running).toBe(true);
    expect(reloaded.elapsed()).toBe(6_000);
    reloaded.reset();
    expect(new Stopwatch(storage, () => now).elapsed()).toBe(0);
  });

  it('starts at zero, not NaN, from a stored timer that is not a time', () => {
    for (const stored of ['{"accumulatedMs":1,"startedAt":"abc"}', '{"accumulatedMs":"5"}', '{"accumulatedMs":-4,"startedAt":null}', '{"accumulatedMs":1e999,"startedAt":null}', '[]', '"x"', '{', 'null']) {
      const storage = memory();
      storage.setItem('async-talk:presenter-timer', stored);
      const watch = new Stopwatch(storage, () => 10_000);
      expect(watch.elapsed(), stored).toBe(0);
      expect(watch.running, stored).toBe(false);
    }
  });
});

