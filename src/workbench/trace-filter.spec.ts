import { describe, expect, it } from 'vitest';
import { hideTraceLines } from './trace-filter.ts';

const collect = () => {
  const out: string[] = [];
  return { out, sink: { write: (text: string) => out.push(text) } };
};

describe('hideTraceLines', () => {
  it('drops trace lines and keeps the rest, even when chunks split lines anywhere', () => {
    const { out, sink } = collect();
    const filter = hideTraceLines(sink);
    for (const chunk of ['a\n#tr', 'ace {"lane":1}\nb', '\n#trace x\n', 'c']) filter.write(chunk);
    filter.end();
    expect(out.join('')).toBe('a\nb\nc');
  });

  it('does not hold back ordinary partial lines', () => {
    const { out, sink } = collect();
    hideTraceLines(sink).write('progress: 50%');
    expect(out).toEqual(['progress: 50%']);
  });
});
