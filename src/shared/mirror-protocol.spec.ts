import { describe, expect, it } from 'vitest';
import { parseMirrorMessage } from './mirror-protocol.ts';
import { appendTail, OUTPUT_TAIL_CHARS, plainText } from './output-tail.ts';

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

describe('messages on the mirror channel', () => {
  const state = { demo: 'comet-chat', files: [{ path: 'server.js', text: 'x' }], status: 'Ran in a Web Worker.', running: true, output: 'hi\n', truncated: false };

  it('reads the three kinds of message the windows send', () => {
    expect(parseMirrorMessage({ kind: 'hello' })).toEqual({ kind: 'hello' });
    expect(parseMirrorMessage({ kind: 'gone', demo: 'comet-chat' })).toEqual({ kind: 'gone', demo: 'comet-chat' });
    expect(parseMirrorMessage({ kind: 'state', state })).toEqual({ kind: 'state', state });
  });

  it('ignores anything else, and anything out of bounds', () => {
    for (const forged of [
      null,
      'hello',
      { kind: 'gone' },
      { kind: 'state' },
      { kind: 'state', state: { ...state, running: 'yes' } },
      { kind: 'state', state: { ...state, files: [{ path: 1, text: 'x' }] } },
      { kind: 'state', state: { ...state, files: 'server.js' } },
      { kind: 'state', state: { ...state, output: 'x'.repeat(OUTPUT_TAIL_CHARS + 1) } },
      { kind: 'state', state: { ...state, demo: { toString: () => 'comet-chat' } } },
      { kind: 'other' },
    ]) {
      expect(parseMirrorMessage(forged), JSON.stringify(forged)?.slice(0, 80)).toBeUndefined();
    }
  });
});
