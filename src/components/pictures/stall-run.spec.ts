import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readStallRun } from './stall-run.ts';

const recording = JSON.parse(readFileSync('demos/blocking-stall/replay.json', 'utf8')) as { events: { text: string }[] };
const output = recording.events.map(({ text }) => text).join('');
const FIX = "Fix: run `npm run demos:record -- blocking-stall`, with MODE at the top of demos/blocking-stall/main.js set to 'all' or 'stall'.";
const trace = (lane: string, from: number, to: number, state: string) => `#trace ${JSON.stringify({ lane, from, to, state })}`;

describe('the recorded stall, as the chapter 9 picture reads it', () => {
  it('finds in the real recording the report running for about its 200 ms, with seven other clients', () => {
    const { lanes, heavy, report } = readStallRun(output);
    expect(heavy.name).toBe('client 8');
    expect(lanes.map(({ name }) => name)).toEqual(['client 1', 'client 2', 'client 3', 'client 4', 'client 5', 'client 6', 'client 7', 'client 8']);
    expect(report.to - report.from).toBeGreaterThanOrEqual(195);
  });

  it('refuses a recording whose first run is not the stall, and says how to record it', () => {
    expect(() => readStallRun(`${trace('client 1', 0, 5, 'waiting')}\nyield  clients 1-7: median 5 ms\n`)).toThrow(
      `<Picture id="stall">: demos/blocking-stall/replay.json has no run of the report in one piece as its first run (no summary line starting "stall" before any other). ${FIX}`,
    );
  });

  it('refuses a stall run in which nobody waits for the report', () => {
    expect(() => readStallRun(`${trace('client 8', 10, 210, 'running')}\n${trace('client 1', 0, 5, 'waiting')}\nstall  clients 1-7: median 5 ms\n`)).toThrow(
      `<Picture id="stall">: the first run in demos/blocking-stall/replay.json has no #trace span of "client 8" running with other clients blocked after it starts, which is what the picture draws. ${FIX}`,
    );
  });
});
