import { describe, expect, it } from 'vitest';
import type { TraceEvent } from './trace-event.ts';
import { hideTraceLines } from './trace-filter.ts';

const collect = () => {
  const out: string[] = [];
  return { out, sink: { write: (text: string) => out.push(text) } };
};

const listen = () => {
  const events: TraceEvent[] = [];
  const malformed: string[] = [];
  return { events, malformed, listener: { event: (e: TraceEvent) => events.push(e), malformed: (line: string) => malformed.push(line) } };
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

  it('hands each trace event, parsed, to the listener, wherever the chunks split the line', () => {
    const line = '#trace {"lane":"client 8","from":40,"to":240.5,"state":"running"}\n';
    const text = `hello\n${line}${line.replace('client 8', 'client 1').replace('running', 'blocked')}bye\n`;
    // Every way of cutting the text in two, and one character at a time.
    const cuts = [...Array.from({ length: text.length - 1 }, (_, i) => [text.slice(0, i + 1), text.slice(i + 1)]), [...text]];
    for (const chunks of cuts) {
      const { out, sink } = collect();
      const { events, malformed, listener } = listen();
      const filter = hideTraceLines(sink, listener);
      for (const chunk of chunks) filter.write(chunk);
      filter.end();
      expect(out.join('')).toBe('hello\nbye\n');
      expect(events).toEqual([
        { lane: 'client 8', from: 40, to: 240.5, state: 'running' },
        { lane: 'client 1', from: 40, to: 240.5, state: 'blocked' },
      ]);
      expect(malformed).toEqual([]);
    }
  });

  it('reads a trace line left without its newline at exit, and CRLF endings', () => {
    const { out, sink } = collect();
    const { events, listener } = listen();
    const filter = hideTraceLines(sink, listener);
    filter.write('#trace {"lane":"A","from":0,"to":1,"state":"waiting"}\r\n#trace {"lane":"B","from":1,"to":2,"state":"running"}');
    filter.end();
    expect(out.join('')).toBe('');
    expect(events.map((e) => e.lane)).toEqual(['A', 'B']);
  });

  it('hides malformed trace lines, reports them, and goes on with the run', () => {
    const { out, sink } = collect();
    const { events, malformed, listener } = listen();
    const filter = hideTraceLines(sink, listener);
    const bad = [
      '#trace {"lane":"A","from":0,"to":1',
      '#trace not json',
      '#trace {"lane":"A","from":0,"to":1,"state":"sleeping"}',
      '#trace {"lane":"A","from":5,"to":1,"state":"running"}',
      '#trace {"lane":"","from":0,"to":1,"state":"running"}',
      '#trace {"lane":"A","from":"0","to":1,"state":"running"}',
      '#trace null',
    ];
    filter.write(`${bad.join('\n')}\nstill here\n#trace {"lane":"A","from":0,"to":1,"state":"running"}\n`);
    filter.end();
    expect(out.join('')).toBe('still here\n');
    expect(malformed).toEqual(bad);
    expect(events).toEqual([{ lane: 'A', from: 0, to: 1, state: 'running' }]);
  });
});
