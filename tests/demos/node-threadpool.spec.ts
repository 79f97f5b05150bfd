import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs demos/node-threadpool/main.js in real Node with the given pool size. */
async function withPoolSize(size: number): Promise<string> {
  const env = { ...process.env, UV_THREADPOOL_SIZE: String(size) };
  const { stdout } = await run(process.execPath, ['main.js'], { cwd: 'demos/node-threadpool', env, timeout: 60_000 });
  return stdout;
}

/** How many times longer the last hash took than the first round (the first `size` to finish). */
function rounds(output: string): number {
  const match = /^the last finished at \d+ ms, ([\d.]+)x as long/m.exec(output);
  if (!match) throw new Error(`no "the last finished at" line in output:\n${output}`);
  return Number(match[1]);
}

// 8 pbkdf2 hashes started at once on libuv's pool: only `size` of them can run at a time.
// Timing on a shared two-core machine can be disturbed by other processes: allow reruns.
describe('demos/node-threadpool', { retry: 2 }, () => {
  it('finishes 8 hashes in two rounds on 4 threads: hashes 1-4 first, then the rest', async () => {
    const output = await withPoolSize(4);
    expect(output).toContain('thread pool size: 4');
    expect(output.match(/^hash \d done at \d+ ms$/gm)).toHaveLength(8);
    expect(output).toMatch(/^the first 4 to finish: hashes 1, 2, 3, 4, all done by \d+ ms$/m);
    expect(rounds(output)).toBeGreaterThanOrEqual(1.4);
    expect(rounds(output)).toBeLessThan(3);
  });

  it('needs about four rounds on 2 threads, and one on 8', async () => {
    const two = await withPoolSize(2);
    expect(two).toMatch(/^the first 2 to finish: hashes 1, 2, all done by/m);
    expect(rounds(two)).toBeGreaterThanOrEqual(2.5);
    expect(await withPoolSize(8)).toContain('all 8 had a thread from the start: none waited');
  });

  it('makes a small file read wait behind the hashes, while the loop itself stays free', async () => {
    const output = await withPoolSize(4);
    const firstHash = Number(/^hash \d done at (\d+) ms$/m.exec(output)![1]);
    const read = Number(/^readFile\('package.json'\) done at (\d+) ms$/m.exec(output)![1]);
    expect(read).toBeGreaterThan(firstHash);
    expect(Number(/ticked (\d+) times/.exec(output)![1])).toBeGreaterThan(5);
  });
});
