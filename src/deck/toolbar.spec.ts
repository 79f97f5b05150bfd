import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeElement, FakeEvents } from './fake-dom.ts';
import { bindToolbarIdle } from './toolbar.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('bindToolbarIdle', () => {
  it('hides the toolbar after 2.5 s without the pointer moving, and brings it back on a move', () => {
    const toolbar = new FakeElement();
    const window = new FakeEvents<unknown>();
    bindToolbarIdle(toolbar, { window });
    const hidden = () => toolbar.hasAttribute('data-idle');

    vi.advanceTimersByTime(2499);
    expect(hidden()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(hidden()).toBe(true);

    window.dispatch('pointermove', {});
    expect(hidden()).toBe(false);
    // Each move starts the rest over: two seconds, a move, two more seconds, still shown.
    vi.advanceTimersByTime(2000);
    window.dispatch('pointermove', {});
    vi.advanceTimersByTime(2000);
    expect(hidden()).toBe(false);
    vi.advanceTimersByTime(500);
    expect(hidden()).toBe(true);
  });
});
