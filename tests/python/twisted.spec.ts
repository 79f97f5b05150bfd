import { describe, expect, it } from 'vitest';
import { runPythonScript, timeline } from './python-programs.ts';

const messages = (stdout: string) => timeline(stdout).map((event) => event.message);
const at = (stdout: string, prefix: string) => timeline(stdout).find((event) => event.message.startsWith(prefix))!.ms;

// Chapter 2's page: user and posts fetched at once, combined, then an ads fetch that fails
// and is handled, written three ways. All three must tell the same story in the same order.
describe.each([
  ['twisted_deferred_chain.py', 'callback combine', 'errback skip_ads', 'callback render'],
  ['twisted_inline_callbacks.py', 'combine', 'except', 'render'],
  ['twisted_async_await.py', 'combine', 'except', 'callback render'],
])('demos/python/%s', (file, combine, handled, render) => {
  it('sends both requests before the reactor runs, and combines only after both replies', async () => {
    const { stdout } = await runPythonScript(file);
    const events = messages(stdout);
    expect(events.slice(0, 2)).toEqual(['fetch user: request sent', 'fetch posts: request sent']);
    expect(events[2]).toMatch(/reactor/);
    expect(events.slice(3, 6)).toEqual([
      'fetch user: reply received',
      'fetch posts: reply received',
      `${combine}: ada has 3 posts`,
    ]);
  });

  it('handles the failed ads fetch and still renders the combined page', async () => {
    const { stdout } = await runPythonScript(file);
    const events = messages(stdout);
    const failed = events.indexOf(`${handled}: ads: 503 Unavailable; no ads`);
    expect(events.indexOf('fetch ads: request sent')).toBeLessThan(failed);
    expect(events[failed + 1]).toBe(`${render}: page for ada with 3 posts`);
    expect(events.some((event) => event.startsWith('errback report'))).toBe(false);
  });

  it('overlaps the two fetches: the page is ready after 0.3 + 0.1 s, not 0.2 + 0.3 + 0.1 s', async () => {
    const { stdout } = await runPythonScript(file);
    expect(at(stdout, `${render}:`)).toBeGreaterThanOrEqual(400);
    expect(at(stdout, `${render}:`)).toBeLessThan(580);
  });
});

/** The longest silence between two "tick" lines, in ms. */
function longestGapBetweenTicks(stdout: string): number {
  const ticks = timeline(stdout).filter((event) => event.message === 'tick').map((event) => event.ms);
  const lastEvent = timeline(stdout).at(-1)!.ms;
  return Math.max(...[...ticks, lastEvent].slice(1).map((ms, n) => ms - ticks[n]!));
}

describe('demos/python/twisted_cooperate.py', () => {
  it('keeps ticking every 50 ms while a thread blocks and a long loop runs in slices', async () => {
    const { stdout } = await runPythonScript('twisted_cooperate.py');
    const events = messages(stdout);
    expect(events).toContain('checksum: 4499998500000');
    expect(events.find((event) => event.startsWith('lookup:'))).toMatch(/^lookup: row, fetched in PoolThread-/);
    // ticks arrive while the checksum is still being computed, not only after it
    expect(events.indexOf('tick', 2)).toBeLessThan(events.indexOf('checksum: 4499998500000'));
    expect(longestGapBetweenTicks(stdout)).toBeLessThan(150);
  });

  it('stops ticking when the same work runs on the reactor thread', async () => {
    const { stdout } = await runPythonScript('twisted_cooperate.py', { args: ['--blocking'] });
    expect(messages(stdout)).toContain('lookup: row, fetched in MainThread');
    expect(longestGapBetweenTicks(stdout)).toBeGreaterThanOrEqual(300);
  });
});
