import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.ts';

const REPORT_MS = 200; // client 8's report, as in demos/blocking-stall/main.js

interface Trace {
  lane: string;
  from: number;
  to: number;
  state: string;
}

/** The "max N ms" latency of clients 1-7 in the summary line of one mode. */
function maxLatency(output: string, mode: string): number {
  const match = new RegExp(`^${mode}\\s+clients 1-7: median \\d+ ms, max (\\d+) ms`, 'm').exec(output);
  if (!match) throw new Error(`no summary line for "${mode}" in output:\n${output}`);
  return Number(match[1]);
}

function traces(output: string): Trace[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('#trace '))
    .map((line) => JSON.parse(line.slice('#trace '.length)) as Trace);
}

// Timing on a shared two-core machine can be disturbed by other processes: allow a rerun.
describe('demos/blocking-stall', { retry: 1 }, () => {
  it('stalls every other client for the whole report when it runs in one piece', async () => {
    const output = await runDemo('blocking-stall', 'main.js', ['stall']);
    expect(output).toContain('Client 8: a 200 ms report.');
    expect(maxLatency(output, 'stall')).toBeGreaterThanOrEqual(REPORT_MS);
    // Every light client sends a request within 10 ms of the stall starting: all 7 lanes block.
    const blocked = traces(output).filter((t) => t.state === 'blocked' && t.to - t.from >= 0.85 * REPORT_MS);
    expect(new Set(blocked.map((t) => t.lane))).toEqual(new Set(['client 1', 'client 2', 'client 3', 'client 4', 'client 5', 'client 6', 'client 7']));
    expect(traces(output).filter((t) => t.lane === 'client 8' && t.state === 'running' && t.to - t.from >= REPORT_MS - 0.2)).toHaveLength(1);
  });

  it('keeps latency far lower when the report yields with setImmediate between slices', async () => {
    const output = await runDemo('blocking-stall', 'main.js', ['yield']);
    expect(maxLatency(output, 'yield')).toBeLessThan(REPORT_MS / 2);
    expect(traces(output).filter((t) => t.lane === 'client 8' && t.state === 'running').length).toBeGreaterThanOrEqual(50);
  });

  it('keeps latency far lower when the report runs on a worker thread', async () => {
    const output = await runDemo('blocking-stall', 'main.js', ['thread']);
    expect(maxLatency(output, 'thread')).toBeLessThan(REPORT_MS / 2);
    const worker = traces(output).filter((t) => t.lane === 'worker thread');
    expect(worker).toHaveLength(1);
    expect(worker[0]!.to - worker[0]!.from).toBeGreaterThanOrEqual(0.95 * REPORT_MS);
  });

  it('runs all three modes by default and prints valid trace lines', async () => {
    const output = await runDemo('blocking-stall', 'main.js');
    for (const mode of ['stall', 'yield', 'thread']) expect(maxLatency(output, mode)).toBeGreaterThan(0);
    expect(maxLatency(output, 'stall')).toBeGreaterThan(2 * Math.max(maxLatency(output, 'yield'), maxLatency(output, 'thread')));
    const all = traces(output);
    expect(all.length).toBeGreaterThan(100);
    for (const trace of all) {
      expect(Object.keys(trace).sort()).toEqual(['from', 'lane', 'state', 'to']);
      expect(trace.lane).toMatch(/^(client [1-8]|worker thread)$/);
      expect(['running', 'waiting', 'blocked']).toContain(trace.state);
      expect(trace.from).toBeGreaterThanOrEqual(0);
      expect(trace.to).toBeGreaterThan(trace.from);
    }
    // A lane never overlaps itself, so the timeline can draw it as one row.
    const byLane = Map.groupBy(all, (trace) => trace.lane);
    for (const spans of byLane.values()) {
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
    }
  });

  it('rejects an unknown mode with a usage line', async () => {
    const output = await runDemo('blocking-stall', 'main.js', ['nap']);
    expect(output).toContain('usage: node main.js [stall|yield|thread|all], not "nap"');
  });
});
