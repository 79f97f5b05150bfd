import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.ts';

/** The demo's "  301 ms  message" lines, without #trace lines, blank lines or headings. */
function events(output: string): { ms: number; message: string }[] {
  return output
    .split('\n')
    .map((line) => /^\s*(\d+) ms {2}(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ ms: Number(match[1]), message: match[2]! }));
}

const PART_2 = '--- part 2: greenlets.js, generators driven by a hub ---';

describe('demos/coroutines: part 1, the page as async functions', () => {
  it('tells the same story as the reactor and Deferred version, with catch for the errback', async () => {
    const output = await runDemo('coroutines', 'main.js');
    const part1 = events(output.slice(0, output.indexOf(PART_2)));
    expect(part1.map((event) => event.message)).toEqual([
      'fetch user: request sent',
      'fetch posts: request sent',
      'buildPage() is waiting; the event loop runs',
      'fetch user: reply received',
      'fetch posts: reply received',
      'combine: ada has 3 posts',
      'fetch ads: request sent',
      'catch: ads: 503 Unavailable; no ads',
      'render: page for ada with 3 posts',
    ]);
    expect(part1.at(-1)!.ms).toBeGreaterThanOrEqual(400);
    expect(part1.at(-1)!.ms).toBeLessThan(580);
  });
});

describe('demos/coroutines: part 2, greenlets and a hub', () => {
  it('runs after part 1 when main.js runs, and on its own', async () => {
    const output = await runDemo('coroutines', 'main.js');
    expect(output).toContain(PART_2);
    const alone = await runDemo('coroutines', 'greenlets.js');
    expect(events(alone).map((event) => event.message)).toEqual(
      events(output.slice(output.indexOf(PART_2))).map((event) => event.message),
    );
  });

  it('interleaves the greenlets by wake-up time; sleep(0) gives the others a turn first', async () => {
    const output = await runDemo('coroutines', 'greenlets.js');
    expect(events(output).map((event) => event.message)).toEqual([
      'C: step 1',
      'A: step 1', // C's sleep(0) let A and B start before C's next step
      'B: step 1',
      'C: step 2',
      'C: step 3',
      'hub: C finished',
      'A: step 2', // 100 ms
      'B: step 2', // 140 ms
      'A: step 3', // 200 ms
      'hub: B finished', // 280 ms
      'hub: A finished', // 300 ms
      'hub: nothing left to run',
    ]);
  });

  it('sleeps them all at once: about 0.3 s in total, not the 0.58 s of their naps added up', async () => {
    const output = await runDemo('coroutines', 'greenlets.js');
    const at = (message: string) => events(output).find((event) => event.message === message)!.ms;
    expect(at('A: step 2')).toBeGreaterThanOrEqual(100);
    expect(at('B: step 2')).toBeGreaterThanOrEqual(140);
    expect(at('hub: nothing left to run')).toBeGreaterThanOrEqual(300);
    expect(at('hub: nothing left to run')).toBeLessThan(500);
  });

  it('draws each nap as a waiting lane of the greenlet that took it', async () => {
    const output = await runDemo('coroutines', 'greenlets.js');
    const lanes = output
      .split('\n')
      .filter((line) => line.startsWith('#trace '))
      .map((line) => JSON.parse(line.slice('#trace '.length)) as { lane: string; from: number; to: number; state: string });
    const a = lanes.filter((lane) => lane.lane === 'A');
    expect(a).toHaveLength(3);
    expect(a.every((lane) => lane.state === 'waiting' && lane.to - lane.from >= 95)).toBe(true);
    expect(new Set(lanes.map((lane) => lane.lane))).toEqual(new Set(['A', 'B']));
  });

  it('shares one clock with part 1: its lines and lanes come after part 1 in time, not from 0 ms again', async () => {
    const output = await runDemo('coroutines', 'main.js');
    const part1End = events(output.slice(0, output.indexOf(PART_2))).at(-1)!.ms;
    expect(events(output.slice(output.indexOf(PART_2))).every((event) => event.ms >= part1End)).toBe(true);
    const spans = output
      .split('\n')
      .filter((line) => line.startsWith('#trace '))
      .map((line) => JSON.parse(line.slice('#trace '.length)) as { lane: string; from: number; to: number });
    const fetches = spans.filter((span) => span.lane.startsWith('fetch '));
    const greenlets = spans.filter((span) => !span.lane.startsWith('fetch '));
    expect(greenlets.length).toBeGreaterThan(0);
    expect(Math.min(...greenlets.map((span) => span.from))).toBeGreaterThanOrEqual(Math.max(...fetches.map((span) => span.to)));
  });
});
