import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.ts';
import { REACTOR_CALLBACKS_STORY } from './stories.ts';

/** The demo's "  301 ms  message" lines, without the #trace lines the timeline draws. */
function events(output: string): { ms: number; message: string }[] {
  return output
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('#trace '))
    .map((line) => {
      const match = /^\s*(\d+) ms {2}(.*)$/.exec(line);
      if (!match) throw new Error(`not a "N ms  message" line: ${line}`);
      return { ms: Number(match[1]), message: match[2]! };
    });
}

/** The #trace lines, parsed. */
function traces(output: string): { lane: string; from: number; to: number; state: string }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('#trace '))
    .map((line) => JSON.parse(line.slice('#trace '.length)));
}

// Chapter 2's page: two fetches at once, combined, then a third that fails and is handled,
// on a hand-made reactor and Deferred.
describe('demos/reactor-callbacks', () => {
  it('runs the chain in order: both requests, both replies, combine, the failed ads, render', async () => {
    const output = await runDemo('reactor-callbacks', 'main.js');
    expect(events(output).map((event) => event.message)).toEqual(REACTOR_CALLBACKS_STORY);
  });

  it('waits for the two fetches at the same time, so the page is ready after about 0.4 s, not 0.6 s', async () => {
    const output = await runDemo('reactor-callbacks', 'main.js');
    const rendered = events(output).find((event) => event.message.startsWith('callback render'))!;
    expect(rendered.ms).toBeGreaterThanOrEqual(400);
    expect(rendered.ms).toBeLessThan(580);
  });

  it('draws each fetch as a waiting lane, user and posts overlapping and ads after them', async () => {
    const lanes = traces(await runDemo('reactor-callbacks', 'main.js'));
    expect(lanes.map((lane) => lane.lane)).toEqual(['fetch user', 'fetch posts', 'fetch ads']);
    expect(lanes.every((lane) => lane.state === 'waiting')).toBe(true);
    const [user, posts, ads] = lanes;
    expect(posts!.from).toBeLessThan(user!.to);
    expect(ads!.from).toBeGreaterThanOrEqual(posts!.to);
  });
});
