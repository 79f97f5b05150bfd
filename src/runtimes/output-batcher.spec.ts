import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutputBatcher, frameScheduler, KEPT_MAX_CHARS } from './output-batcher.ts';

const collect = () => {
  const writes: string[] = [];
  return { writes, sink: { write: (text: string) => void writes.push(text) } };
};

describe('createOutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins the writes of one frame into a single write', () => {
    const { writes, sink } = collect();
    const batcher = createOutputBatcher(sink);
    batcher.write('a\n');
    batcher.write('b\n');
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(16);
    expect(writes).toEqual(['a\nb\n']);
    batcher.write('c\n');
    vi.advanceTimersByTime(16);
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes nothing when nothing was written', () => {
    const { writes, sink } = collect();
    createOutputBatcher(sink).flush();
    vi.advanceTimersByTime(100);
    expect(writes).toEqual([]);
  });

  it('flushes at once on flush() and stops after dispose()', () => {
    const { writes, sink } = collect();
    const batcher = createOutputBatcher(sink);
    batcher.write('last words');
    batcher.dispose();
    expect(writes).toEqual(['last words']);
    batcher.write('too late');
    vi.advanceTimersByTime(100);
    expect(writes).toEqual(['last words']);
  });

  it('survives a flood of a million lines: keeps the newest text and says how much it skipped', () => {
    const { writes, sink } = collect();
    const batcher = createOutputBatcher(sink, { maxChars: 1000 });
    const started = performance.now();
    for (let n = 0; n < 1_000_000; n++) batcher.write(`line ${n}\n`);
    vi.advanceTimersByTime(16);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(writes).toHaveLength(1);
    const [text] = writes as [string];
    expect(text).toMatch(/^\n\[… [\d,]+ lines \(\d+\.\d MB\) of output skipped to keep the page responsive; the newest follows …\]\n/);
    expect(text.endsWith('line 999999\n')).toBe(true);
    const shown = text.slice(text.indexOf('…]\n') + 3);
    expect(shown.length).toBe(1000);
    // Every line is either shown or counted as skipped (the first shown one may be cut).
    const skipped = Number(/\[… ([\d,]+) lines/.exec(text)![1]!.replaceAll(',', ''));
    expect(skipped + shown.split('\n').length - 1).toBeGreaterThanOrEqual(999_999);
  });

  it('reports a drop only once', () => {
    const { writes, sink } = collect();
    const batcher = createOutputBatcher(sink, { maxChars: 10 });
    batcher.write('0123456789abcdef\n');
    vi.advanceTimersByTime(16);
    batcher.write('ok\n');
    vi.advanceTimersByTime(16);
    expect(writes[0]).toContain('skipped');
    expect(writes[1]).toBe('ok\n');
  });
});

describe('frameScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after 16 ms without animation frames, and can be cancelled', () => {
    const flush = vi.fn();
    frameScheduler.schedule(flush);
    vi.advanceTimersByTime(16);
    expect(flush).toHaveBeenCalledTimes(1);
    const cancel = frameScheduler.schedule(flush);
    cancel();
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('keeps whole lines that start with the given prefix when older output is dropped', () => {
    const { writes, sink } = collect();
    const batcher = createOutputBatcher(sink, { maxChars: 100, keepLinesStartingWith: '#trace ' });
    batcher.write('#trace first\n');
    for (let i = 0; i < 40; i++) batcher.write(`noise line ${i}\n`);
    batcher.write('#trace second\n');
    for (let i = 40; i < 80; i++) batcher.write(`noise line ${i}\n`);
    vi.advanceTimersByTime(16);
    const text = writes.join('');
    // Both trace lines survive, in order, ahead of the notice; the noise is thinned to the newest.
    expect(text.indexOf('#trace first\n')).toBe(0);
    expect(text.indexOf('#trace second\n')).toBeGreaterThan(0);
    expect(text.indexOf('#trace second\n')).toBeLessThan(text.indexOf('[…'));
    expect(text).toContain('noise line 79\n');
    expect(text).not.toContain('noise line 0\n');
    // The notice counts only what was really left out.
    expect(text).toMatch(/\[… \d+ lines \(\d+ KB\) of output skipped/);
  });

  it('keeps at most KEPT_MAX_CHARS of such lines between flushes', () => {
    const { writes, sink } = collect();
    const batcher = createOutputBatcher(sink, { maxChars: 1000, keepLinesStartingWith: '#' });
    const line = `#${'x'.repeat(99)}\n`;
    for (let i = 0; i < 20_000; i++) batcher.write(line);
    vi.advanceTimersByTime(16);
    expect(writes.join('').length).toBeLessThan(KEPT_MAX_CHARS + 2000);
  });
});
