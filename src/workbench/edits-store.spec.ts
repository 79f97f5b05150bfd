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

  it('says when a save is refused and when one gets through again, and keeps nothing from the caller', () => {
    const storage = memory();
    let full = true;
    const failing = {
      ...storage,
      setItem: (key: string, value: string) => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        storage.setItem(key, value);
      },
    };
    const reports: (string | undefined)[] = [];
    const store = createEditsStore('demo', failing, 300, (failure) => reports.push(failure));
    store.save('main.js', 'a');
    store.flush();
    expect(store.saved).toBe(false);
    expect(reports).toEqual(["this browser's storage for the site is full"]);
    store.save('main.js', 'ab');
    store.flush();
    expect(reports).toHaveLength(1);
    full = false;
    store.save('main.js', 'abc');
    store.flush();
    expect(store.saved).toBe(true);
    expect(reports).toEqual(["this browser's storage for the site is full", undefined]);
    expect(store.load('main.js')).toBe('abc');
  });

  it('says storage is off where there is none, and reads no edit there', () => {
    const reports: (string | undefined)[] = [];
    const store = createEditsStore('demo', undefined, 300, (failure) => reports.push(failure));
    expect(store.load('main.js')).toBeUndefined();
    store.save('main.js', 'a');
    store.flush();
    expect(reports).toEqual(['this browser does not let the site store it']);
  });
});

