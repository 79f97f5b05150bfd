import { describe, expect, it } from 'vitest';
import { runPythonScript } from './python-programs.ts';

/** The "worst client delay N ms" figure printed on the line that starts with `label`. */
function worstDelay(stdout: string, label: string): number {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(label));
  const match = line && /worst client delay\s+([\d.]+) ms/.exec(line);
  if (!match) throw new Error(`no "${label} ... worst client delay N ms" line in:\n${stdout}`);
  return Number(match[1]);
}

// Chapter 9: one greenlet that never gives up control stalls the others, and the cures. The job
// lasts 200 ms by the wall clock (a busy loop, or a real sleep), so a machine slowed by other
// processes can only make a stall longer: the stalled figures have a floor, and a cure is judged
// against the stall of the same run with room to spare, never against a fixed number of ms.
const SLICE_MS = 1; // the cooperative versions yield after every 1 ms of work

describe('demos/python/gevent_blocking_stall.py', () => {
  it('stalls the clients for about the whole job, unless the job yields or moves to a thread', async () => {
    const { stdout } = await runPythonScript('gevent_blocking_stall.py');
    const stalled = [worstDelay(stdout, 'cpu loop, never yields'), worstDelay(stdout, 'time.sleep() (not patched)')];
    for (const delay of stalled) expect(delay).toBeGreaterThanOrEqual(150); // the job is 200 ms; a client ticks every 10 ms
    // Cured, no client waits for anything like the whole job: at most half the stall (a cure that
    // did not work would leave the clients waiting as long as the stall).
    const cap = Math.min(...stalled) / 2;
    expect(worstDelay(stdout, 'cpu loop + gevent.idle()')).toBeLessThan(cap);
    expect(worstDelay(stdout, 'time.sleep() on the threadpool')).toBeLessThan(cap);
  });

  it('shows that gevent.sleep(0) helps, but lets the loop poll only every so many yields', async () => {
    const { stdout } = await runPythonScript('gevent_blocking_stall.py');
    const sleep0 = worstDelay(stdout, 'cpu loop + gevent.sleep(0)');
    expect(sleep0).toBeLessThan(worstDelay(stdout, 'cpu loop, never yields') * 0.75);
    // A client waited for many slices in a row: had the loop polled at every yield, as with
    // gevent.idle(), no client would have waited much more than one slice. (A floor, which a busy
    // machine can only raise.)
    expect(sleep0).toBeGreaterThan(10 * SLICE_MS);
  });
});

describe('blocked-loop detectors', () => {
  it("gevent's monitor thread reports the greenlet that blocks the hub", async () => {
    const { stdout, stderr } = await runPythonScript('gevent_monitor.py');
    expect(stderr).toMatch(/Greenlet <Greenlet .*slow_handler> appears to be blocked/);
    expect(stderr).toContain('time.sleep(0.3)');
    expect(stdout).toMatch(/^EventLoopBlocked: <Greenlet .*slow_handler> held the hub for over 0\.05 s$/m);
    expect(stdout.trim().split('\n').at(-1)).toBe('done');
  });

  it("eventlet's detector interrupts the blocking call with an exception", async () => {
    const { stdout, stderr } = await runPythonScript('eventlet_blocking_detection.py');
    const match = /^interrupted after ([\d.]+) s: Blocking detector ALARMED at/m.exec(stdout);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeLessThan(0.45); // the call would have slept 0.5 s
    expect(stdout).not.toContain('slow_handler finished');
    expect(stderr).toContain("function='slow_handler'");
  });

  it("asyncio's debug mode logs the step that held the loop past 100 ms", async () => {
    const { stdout, stderr } = await runPythonScript('asyncio_slow_callback.py');
    expect(stdout).toContain('slow_callback_duration = 0.1 s');
    expect(stderr).toMatch(/Executing <Task .*slow_handler\(\).*> took 0\.2\d\d seconds/);
  });
});
