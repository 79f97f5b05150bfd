import { describe, expect, it } from 'vitest';
import { limitLongLines } from './long-lines.ts';

const plain = (text: string) => text.replace(/\x1b\[\d+m/g, '');

function collect(max: number) {
  const written: string[] = [];
  const limiter = limitLongLines((text) => written.push(plain(text)), max);
  return { limiter, text: () => written.join('') };
}

describe('limitLongLines', () => {
  it('passes lines within the limit as they are, however they are split into writes', () => {
    const { limiter, text } = collect(10);
    for (const part of ['hel', 'lo\nwor', 'ld\n', '0123456789\n']) limiter.write(part);
    expect(text()).toBe('hello\nworld\n0123456789\n');
  });

  it('cuts a longer line at the limit, says so at once, and counts the rest when it ends', () => {
    const { limiter, text } = collect(10);
    limiter.write('abcdefghij');
    limiter.write('klm');
    expect(text()).toBe('abcdefghij [this line goes on past 10 characters; the rest is not shown]');
    limiter.write('nop\nnext\n');
    expect(text()).toBe('abcdefghij [this line goes on past 10 characters; the rest is not shown] [6 more characters]\nnext\n');
  });

  it('keeps an endless line of single characters bounded', () => {
    const { limiter, text } = collect(100);
    for (let i = 0; i < 100_000; i++) limiter.write('.');
    expect(text().length).toBeLessThan(200);
  });

  it('starts again at a carriage return (a progress bar) and after a reset (a new run)', () => {
    const { limiter, text } = collect(5);
    limiter.write('12345\r12345\r');
    limiter.write('1234');
    limiter.reset();
    limiter.write('12345\n');
    expect(text()).toBe('12345\r12345\r123412345\n');
  });
});

describe('limitLongLines on ordinary output', () => {
  it('passes each write through as it is when no line is too long, and still counts the columns', () => {
    const written: string[] = [];
    const limiter = limitLongLines((text) => written.push(text), 8);
    const parts = ['line 1\nline 2\n', 'abcd', 'efgh', 'i\n'];
    for (const part of parts) limiter.write(part);
    expect(written.slice(0, 3)).toEqual(parts.slice(0, 3));
    // 'abcd' + 'efgh' filled the line; 'i' passes it.
    expect(written.slice(3).map(plain).join('')).toBe(' [this line goes on past 8 characters; the rest is not shown] [1 more characters]\n');
  });
});
