import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.ts';

const REPORT_MS = 200; // client 8's report, as in demos/blocking-stall/main.js
const LIGHT_CLIENTS = ['client 1', 'client 2', 'client 3', 'client 4', 'client 5', 'client 6', 'client 7'];

interface Trace {
  lane: string;
  from: number;
  to: number;
  state: string;
}

/** The summary line of one mode: the worst latency of clients 1-7, and how long the report took. */
function summary(output: string, mode: string): { max: number; took: number } {
  const match = new RegExp(`^${mode}\\s+clients 1-7: median \\d+ ms, max (\\d+) ms; the report took (\\d+) ms$`, 'm').exec(output);
  if (!match) throw new Error(`no summary line for "${mode}" in output:\n${output}`);
  return { max: Number(match[1]), took: Number(match[2]) };
}

function traces(output: string): Trace[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('#trace '))
    .map((line) => JSON.parse(line.slice('#trace '.length)) as Trace);
}

/**
 * A request picked up just before the report began has its I/O wait drawn to when the I/O was due
 * (picked + IO_MS), a time the program computes rather than measures; on a loaded machine two of
 * a lane's requests can be picked that close to the start, and the second's span then begins
 * where the first's ended, inside the report. So only spans that begin more than IO_MS into it
 * count as the loop having served a client.
 */
const IO_MS = 5; // as in demos/blocking-stall/main.js

/** The light clients that the loop served while the report ran: a span of theirs begins and ends inside it. */
function servedDuring(all: Trace[], from: number, to: number): Set<string> {
  return new Set(all.filter((t) => LIGHT_CLIENTS.includes(t.lane) && t.from > from + IO_MS + 1 && t.to < to).map((t) => t.lane));
}

// What is asserted is what the loop could or could not do while the report ran, read from the
// program's own lines: a busy machine makes everything later, which cannot turn a stall into a
// free loop nor the reverse. The report's 200 ms are measured by its own clock (it busy-waits), so
// "at least 200 ms" holds however loaded the machine is; no test asserts an upper bound in ms.
describe('demos/blocking-stall', () => {
  it('stalls every other client for the whole report when it runs in one piece', async () => {
    const output = await runDemo('blocking-stall', 'main.js', ['stall']);
    expect(output).toContain('Client 8: a 200 ms report.');
    const { max, took } = summary(output, 'stall');
    // A request was in flight when the report began, and could only be answered after it ended.
    expect(max).toBeGreaterThanOrEqual(Math.max(REPORT_MS, took));
    const all = traces(output);
    const report = all.filter((t) => t.lane === 'client 8' && t.state === 'running');
    expect(report).toHaveLength(1);
    expect(report[0]!.to - report[0]!.from).toBeGreaterThanOrEqual(REPORT_MS - 0.2);
    // Nobody was served meanwhile, and all 7 lanes show a request blocked for most of it (each
    // client sends every 10 ms, so each had one in flight within 10 ms of the start).
    expect(servedDuring(all, report[0]!.from, report[0]!.to)).toEqual(new Set());
    const blocked = all.filter((t) => t.state === 'blocked' && t.to - t.from >= 0.85 * REPORT_MS);
    expect(new Set(blocked.map((t) => t.lane))).toEqual(new Set(LIGHT_CLIENTS));
  });

  it('serves every client between the slices when the report yields with setImmediate', async () => {
    const output = await runDemo('blocking-stall', 'main.js', ['yield']);
    const all = traces(output);
    const slices = all.filter((t) => t.lane === 'client 8' && t.state === 'running');
    expect(slices.length).toBeGreaterThanOrEqual(50);
    expect(servedDuring(all, slices[0]!.from, slices.at(-1)!.to)).toEqual(new Set(LIGHT_CLIENTS));
    // No client waited for the whole report, as one did in one piece.
    const { max, took } = summary(output, 'yield');
    expect(took).toBeGreaterThanOrEqual(REPORT_MS);
    expect(max).toBeLessThan(took);
  });

  it('serves every client while the report runs on a worker thread', async () => {
    const output = await runDemo('blocking-stall', 'main.js', ['thread']);
    const all = traces(output);
    const worker = all.filter((t) => t.lane === 'worker thread');
    expect(worker).toHaveLength(1);
    expect(worker[0]!.to - worker[0]!.from).toBeGreaterThanOrEqual(0.95 * REPORT_MS);
    expect(servedDuring(all, worker[0]!.from, worker[0]!.to)).toEqual(new Set(LIGHT_CLIENTS));
    const { max, took } = summary(output, 'thread');
    expect(max).toBeLessThan(took);
  });

  it('runs all three modes by default and prints valid trace lines', async () => {
    const output = await runDemo('blocking-stall', 'main.js');
    const stall = summary(output, 'stall');
    expect(stall.max).toBeGreaterThanOrEqual(stall.took);
    for (const mode of ['yield', 'thread']) {
      const { max, took } = summary(output, mode);
      expect(max, mode).toBeGreaterThan(0);
      expect(max, mode).toBeLessThan(took);
    }
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
