import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

const HASHES = 8; // as in demos/node-threadpool/main.js

/** Runs demos/node-threadpool/main.js in real Node with the given pool size. */
async function withPoolSize(size: number): Promise<string> {
  const env = { ...process.env, UV_THREADPOOL_SIZE: String(size) };
  const { stdout } = await run(process.execPath, ['main.js'], { cwd: 'demos/node-threadpool', env, timeout: 60_000 });
  return stdout;
}

interface Run {
  /** The hashes in the order they finished, and when. */
  order: number[];
  times: number[];
  /** How many hashes had finished when the readFile callback ran. */
  readAfter: number;
  ticks: number;
}

/** Reads the program's lines in the order it printed them. */
function parse(output: string): Run {
  const result: Run = { order: [], times: [], readAfter: -1, ticks: -1 };
  for (const line of output.split('\n')) {
    const hash = /^hash (\d) done at (\d+) ms$/.exec(line);
    if (hash) {
      result.order.push(Number(hash[1]));
      result.times.push(Number(hash[2]));
    }
    if (/^readFile\('package.json'\) done at \d+ ms$/.test(line)) result.readAfter = result.order.length;
    const ticks = /^meanwhile a 10 ms timer on the loop ticked (\d+) times$/.exec(line);
    if (ticks) result.ticks = Number(ticks[1]);
  }
  if (result.order.length !== HASHES || result.readAfter < 0 || result.ticks < 0) throw new Error(`unexpected output:\n${output}`);
  return result;
}

/**
 * The hashes that finished before as many others as a pool of `size` threads allows. Hash n is
 * queued n-th and libuv's queue is first in, first out, so with `size` threads hash n gets one
 * only once n - size hashes are done: it cannot finish before that many others. With a pool of
 * `size` this list is always empty, however busy the machine; it is a fact about the queue, not a
 * timing.
 */
function tooEarly({ order }: Run, size: number): string[] {
  return order.flatMap((hash, finishedBefore) => (hash > size && finishedBefore < hash - size ? [`hash ${hash} after only ${finishedBefore}`] : []));
}

// 8 pbkdf2 hashes and then a small file read, all started at once on libuv's pool: only `size`
// of them can run at a time. These tests read what the program printed in the order it printed
// it, never how long it took: on a shared two-core machine the times change from run to run, the
// order a queue imposes does not.
describe('demos/node-threadpool', () => {
  it('runs at most 4 hashes at once on 4 threads: hashes 5-8 each finish only after as many others as they waited for', async () => {
    const output = await withPoolSize(4);
    expect(output).toContain('thread pool size: 4');
    const result = parse(output);
    expect([...result.order].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tooEarly(result, 4)).toEqual([]);
    // The summary is the program's own reading of the same lines.
    const firstFour = result.order.slice(0, 4).sort().join(', ');
    expect(output).toContain(`the first 4 to finish: hashes ${firstFour}, all done by ${result.times[3]} ms\n`);
    expect(output).toContain(`the last finished at ${result.times.at(-1)} ms`);
  });

  it('keeps to 2 at once on 2 threads; on 8 threads the hashes do not queue like that', async () => {
    const two = parse(await withPoolSize(2));
    expect(tooEarly(two, 2)).toEqual([]);
    // On 8 threads all 8 start together, so they finish in any order: some hash finishes before
    // a pool of 2 would have let it, or the file read (which on 2 threads waits for 7 hashes,
    // below) gets a thread sooner. Either is impossible on 2 threads.
    const eight = parse(await withPoolSize(8));
    expect(tooEarly(eight, 2).length > 0 || eight.readAfter < HASHES - 2 + 1, JSON.stringify(eight)).toBe(true);
  });

  it('makes a small file read wait behind the queued hashes, while the loop itself stays free', async () => {
    // The read is queued after the 8 hashes: it gets a thread only once HASHES - size + 1 are done.
    for (const size of [2, 4]) {
      const result = parse(await withPoolSize(size));
      expect(result.readAfter, `pool of ${size}`).toBeGreaterThanOrEqual(HASHES - size + 1);
      // The hashes ran on the pool, not on the loop: its 10 ms timer went on ticking, at least a
      // quarter as often as the time the hashes took allows (a loop they blocked would tick once).
      expect(result.ticks).toBeGreaterThanOrEqual(Math.max(2, Math.floor(result.times.at(-1)! / 10 / 4)));
    }
  });
});
