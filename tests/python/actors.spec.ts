import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runPythonScript } from './python-programs.ts';

// Chapter 6: Concurrence's mailboxes and channels, redone with gevent so they run today.
describe('demos/python/actors_gevent.py', () => {
  it('pings and pongs through mailboxes, answers a call, and hands words over a channel in order', async () => {
    const { stdout } = await runPythonScript('actors_gevent.py');
    expect(stdout.trim().split('\n')).toEqual([
      'pong 0',
      'pong 1',
      'pong 2',
      'ponger counted 3 pings',
      'channel: libevent',
      'channel: greenlet',
      'channel: tasklet',
    ]);
  });
});

// The Concurrence original cannot run here (Python 2, libevent 1.4): the file must say so itself.
describe('demos/python/history/concurrence_actors.py', () => {
  it('is labelled as history that was never run', async () => {
    const source = await readFile('demos/python/history/concurrence_actors.py', 'utf8');
    expect(source.split('\n')[0]).toMatch(/^# HISTORY: never run\./);
    expect(source).toContain('from concurrence import');
  });
});
