import { describe, expect, it } from 'vitest';
import { runPythonScript } from './python-programs.ts';

/** The first number after `label` in the program's output. */
function numberAfter(output: string, label: string): number {
  const match = new RegExp(`${label}\\D*?([\\d.]+)`).exec(output);
  if (!match) throw new Error(`no "${label}" followed by a number in:\n${output}`);
  return Number(match[1]);
}

// Chapter 4: Eventlet's green sockets, tpool and hubs, run with Debian's eventlet 0.33.
describe('demos/python/eventlet_green_sockets.py', () => {
  it('serves 200 clients that wait at the same time, from one OS thread', async () => {
    const { stdout } = await runPythonScript('eventlet_green_sockets.py');
    expect(stdout).toContain('socket module patched: True');
    expect(stdout).toContain('200 of 200 clients echoed');
    // Each client waits 0.5 s: one after another that would take 100 s.
    expect(numberAfter(stdout, 's, in')).toBeLessThan(2.5);
    expect(numberAfter(stdout, 'OS threads in this process:')).toBe(1);
  });
});

describe('demos/python/eventlet_tpool.py', () => {
  it('a direct blocking call freezes the other greenthreads; through tpool they keep running', async () => {
    const { stdout } = await runPythonScript('eventlet_tpool.py');
    const [direct, pooled] = stdout.split('\n').filter((line) => line.includes('heartbeats meanwhile'));
    expect(numberAfter(direct!, 'heartbeats meanwhile:')).toBe(0);
    expect(numberAfter(pooled!, 'heartbeats meanwhile:')).toBeGreaterThanOrEqual(5);
    expect(numberAfter(pooled!, 'the call took')).toBeGreaterThanOrEqual(0.45);
  });

  it('starts 20 worker threads by default and EVENTLET_THREADPOOL_SIZE of them when set', async () => {
    const byDefault = await runPythonScript('eventlet_tpool.py');
    expect(numberAfter(byDefault.stdout, 'OS threads now:')).toBe(1 + 20);
    const sized = await runPythonScript('eventlet_tpool.py', { env: { EVENTLET_THREADPOOL_SIZE: '3' } });
    expect(numberAfter(sized.stdout, 'OS threads now:')).toBe(1 + 3);
  });
});

describe('demos/python/eventlet_db_tpool.py', () => {
  it('runs a slow DB-API query in a tpool thread while other greenthreads keep running', async () => {
    const { stdout } = await runPythonScript('eventlet_db_tpool.py');
    expect(stdout).toContain('cursor is a eventlet.tpool.Proxy');
    expect(numberAfter(stdout, 'after')).toBeGreaterThanOrEqual(0.45);
    expect(numberAfter(stdout, 'heartbeats meanwhile:')).toBeGreaterThanOrEqual(5);
  });
});

describe('demos/python/eventlet_hubs.py', () => {
  it('uses epolls by default on Linux', async () => {
    const { stdout } = await runPythonScript('eventlet_hubs.py');
    expect(stdout).toContain('hub in use: eventlet.hubs.epolls');
    expect(stdout).toContain('1000 messages over a socket pair');
  });

  it('takes another hub from EVENTLET_HUB', async () => {
    const { stdout } = await runPythonScript('eventlet_hubs.py', { env: { EVENTLET_HUB: 'poll' } });
    expect(stdout).toContain('hub in use: eventlet.hubs.poll');
  });

  it('takes another hub from use_hub()', async () => {
    const { stdout } = await runPythonScript('eventlet_hubs.py', { args: ['--hub', 'selects'] });
    expect(stdout).toContain('hub in use: eventlet.hubs.selects');
  });
});
