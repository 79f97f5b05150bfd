import { describe, expect, it } from 'vitest';
import { readProgress, writeProgress } from './reading-progress.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value) };
}

describe('reading progress', () => {
  it('round-trips per chapter', () => {
    const storage = memoryStorage();
    writeProgress('why-async', 0.4567, storage);
    expect(readProgress('why-async', storage)).toBe(0.457);
    expect(readProgress('twisted', storage)).toBe(0);
  });

  it('treats garbage and failing storage as no progress', () => {
    const garbage = { getItem: () => 'banana' };
    expect(readProgress('x', garbage)).toBe(0);
    const throwing = { getItem: (): string => { throw new Error('SecurityError'); } };
    expect(readProgress('x', throwing)).toBe(0);
    expect(() => writeProgress('x', 1, { setItem: () => { throw new Error('QuotaExceeded'); } })).not.toThrow();
  });
});
