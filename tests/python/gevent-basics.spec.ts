import { describe, expect, it } from 'vitest';
import { runPythonScript } from './python-programs.ts';

/** The number printed after `label` in the program's output, e.g. seconds(out, 'took') for "took 0.50 s". */
function numberAfter(output: string, label: string): number {
  const match = new RegExp(`${label}\\s*([\\d.]+)`).exec(output);
  if (!match) throw new Error(`no number after "${label}" in:\n${output}`);
  return Number(match[1]);
}

// Chapter 5's programs, run with Debian's python3-gevent 22.10.
describe('demos/python/gevent_patch_all.py', () => {
  it('runs 100 plain-socket clients that each time.sleep(0.5) concurrently, on one OS thread', async () => {
    const { stdout } = await runPythonScript('gevent_patch_all.py');
    expect(stdout).toMatch(/^patched: socket, time, threading, select, ssl, os$/m);
    expect(stdout).toContain('100 clients slept 0.5 s each');
    // One after another the sleeps would add up to 50 s; overlapped they take about one.
    const total = numberAfter(stdout, 'all done in');
    expect(total).toBeGreaterThanOrEqual(0.5);
    expect(total).toBeLessThan(2);
    expect(numberAfter(stdout, 'OS threads in this process:')).toBe(1);
  });
});

describe('demos/python/gevent_spawn_joinall.py', () => {
  it('overlaps five fetches and keeps their results in spawn order', async () => {
    const { stdout } = await runPythonScript('gevent_spawn_joinall.py');
    expect(stdout).toContain('hub: gevent.libev.corecext, backend epoll');
    const values = stdout.split('\n').filter((line) => line.startsWith('waited'));
    expect(values).toEqual(['waited 0.5 s', 'waited 0.2 s', 'waited 0.4 s', 'waited 0.1 s', 'waited 0.3 s']);
    // The longest single wait is 0.5 s; in sequence they would take 1.5 s.
    const took = numberAfter(stdout, 'took');
    expect(took).toBeGreaterThanOrEqual(0.5);
    expect(took).toBeLessThan(1.2);
  });

  it.each(['select', 'poll'])('runs unchanged when libev is told to use %s instead of epoll', async (backend) => {
    const { stdout } = await runPythonScript('gevent_spawn_joinall.py', { env: { GEVENT_BACKEND: backend } });
    expect(stdout).toContain(`backend ${backend}`);
    expect(numberAfter(stdout, 'took')).toBeLessThan(1.2);
  });
});

describe('demos/python/gevent_sleep0.py', () => {
  it('runs greenlets one after another until they yield with gevent.sleep(0)', async () => {
    const { stdout } = await runPythonScript('gevent_sleep0.py');
    expect(stdout).toContain('without sleep(0): A A A A B B B B C C C C');
    expect(stdout).toContain('with sleep(0): A B C A B C A B C A B C');
    expect(stdout).toContain('after gevent.idle(): idle work');
  });
});

describe('demos/python/gevent_threadpool.py', () => {
  it('stalls the loop when a blocking call runs on it, and not when it runs on the hub pool', async () => {
    const { stdout } = await runPythonScript('gevent_threadpool.py');
    expect(stdout).toContain('hub thread pool size: 10');
    // Four 0.3 s calls: in turn on the loop (1.2 s, heartbeat silent), or side by side in threads.
    const direct = numberAfter(stdout, 'called directly: 4 queries in');
    const pooled = numberAfter(stdout, 'threadpool.apply: 4 queries in');
    expect(direct).toBeGreaterThanOrEqual(1.2);
    expect(pooled).toBeLessThan(0.6);
    expect(numberAfter(stdout, 'called directly.*heartbeat ticked')).toBeLessThanOrEqual(1);
    expect(numberAfter(stdout, 'threadpool.apply.*heartbeat ticked')).toBeGreaterThanOrEqual(3);
  });
});

describe('demos/python/gevent_monitor_blocking.py', () => {
  it('says nothing about the blocked loop when the monitor thread is off (the default)', async () => {
    const { stdout, stderr } = await runPythonScript('gevent_monitor_blocking.py', { env: { GEVENT_MONITOR_THREAD_ENABLE: '' } });
    expect(stdout).toContain('monitor thread enabled: False');
    expect(stdout).not.toContain('EventLoopBlocked');
    expect(stderr).not.toContain('appears to be blocked');
  });

  it('reports the greenlet and the line that held the loop when GEVENT_MONITOR_THREAD_ENABLE is set', async () => {
    const { stdout, stderr } = await runPythonScript('gevent_monitor_blocking.py', {
      env: { GEVENT_MONITOR_THREAD_ENABLE: '1', GEVENT_MAX_BLOCKING_TIME: '0.1' },
    });
    expect(stdout).toContain('monitor thread enabled: True');
    expect(stdout).toMatch(/EventLoopBlocked: <Greenlet .*slow_handler> held the loop over 0\.1 s/);
    expect(stderr).toContain('appears to be blocked');
    expect(stderr).toMatch(/Blocked Stack[\s\S]*in slow_handler\n\s+time\.sleep\(0\.5\)/);
  });
});
