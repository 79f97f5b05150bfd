import { describe, expect, it } from 'vitest';
import { appendTail, plainText } from './mirror-protocol.ts';

describe('the mirror keeps the tail of the output', () => {
  it('keeps everything while it fits', () => {
    expect(appendTail('one\n', 'two\n', 100)).toEqual({ tail: 'one\ntwo\n', cut: false });
  });

  it('stays within its limit under a flood, cut at a line start, and keeps the last line', () => {
    let tail = '';
    let cut = false;
    for (let line = 0; line < 100_000; line++) {
      const next = appendTail(tail, `line ${line}\n`, 1_000);
      tail = next.tail;
      cut ||= next.cut;
    }
    expect(tail.length).toBeLessThanOrEqual(1_000);
    expect(cut).toBe(true);
    expect(tail.startsWith('line ')).toBe(true);
    expect(tail.endsWith('line 99999\n')).toBe(true);
  });

  it('cuts mid-line only when a single line is longer than the limit allows', () => {
    const { tail } = appendTail('', 'x'.repeat(5_000), 1_000);
    expect(tail).toBe('x'.repeat(1_000));
  });
});

describe('plain text for a <pre>', () => {
  it('drops colours and terminal titles, keeps the words', () => {
    expect(plainText('\x1b[2m[exited with code 0]\x1b[0m\r\n\x1b]0;title\x07ok')).toBe('[exited with code 0]\nok');
  });
});
