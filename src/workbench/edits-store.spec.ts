import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEditsStore, editKey } from './edits-store.ts';

const memory = () => {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
};

describe('createEditsStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves after a quiet moment, once, with the latest text', () => {
    const storage = memory();
    const store = createEditsStore('demo', storage, 300);
    store.save('main.js', 'a');
    store.save('main.js', 'ab');
    expect(storage.map.size).toBe(0);
    vi.advanceTimersByTime(300);
    expect(storage.map.get(editKey('demo', 'main.js'))).toBe('ab');
    expect(store.load('main.js')).toBe('ab');
  });

  it('flush writes at once; clear forgets every edit', () => {
    const storage = memory();
    const store = createEditsStore('demo', storage);
    store.save('main.js', 'x');
    store.flush();
    expect(store.load('main.js')).toBe('x');
    store.save('main.js', 'y');
    store.clear(['main.js']);
    vi.advanceTimersByTime(1000);
    expect(store.load('main.js')).toBeUndefined();
  });

  it('survives a storage that throws', () => {
    const store = createEditsStore('demo', { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); }, removeItem: () => {} });
    store.save('main.js', 'x');
    expect(() => store.flush()).not.toThrow();
    expect(store.load('main.js')).toBeUndefined();
  });
});
