import { describe, expect, it } from 'vitest';
import { runPythonScript, timeline } from './python-programs.ts';

describe('demos/python/greenlet_switch.py', () => {
  it('runs ping and pong strictly in turn, handing values across each switch', async () => {
    const { stdout } = await runPythonScript('greenlet_switch.py');
    expect(stdout.trimEnd().split('\n')).toEqual([
      'ping sends 1',
      '  pong got 1',
      'ping got 10',
      'ping sends 2',
      '  pong got 2',
      'ping got 20',
      'ping sends 3',
      '  pong got 3',
      'ping got 30',
      'main: ping is done',
      'main: pong is paused, not finished: dead=False',
    ]);
  });
});

describe('demos/python/greenlet_hub.py', () => {
  it('interleaves sleeping greenlets by their wake-up times', async () => {
    const { stdout } = await runPythonScript('greenlet_hub.py');
    expect(timeline(stdout).map((event) => event.message)).toEqual([
      'A: step 1',
      'B: step 1',
      'reader: waiting for a message',
      'A: step 2', // 100 ms
      'B: step 2', // 140 ms
      'A: step 3', // 200 ms
      'writer: sending', // 250 ms
      "reader: got 'hello from the writer'",
      'B: done', // 280 ms
      'A: done', // 300 ms
      'main: the hub has nothing left to wait for',
    ]);
  });

  it('waits for all of them at once: about 0.3 s in total, not the 0.83 s of their sleeps added up', async () => {
    const { stdout } = await runPythonScript('greenlet_hub.py');
    const events = timeline(stdout);
    const wokeAt = (message: string) => events.find((event) => event.message === message)!.ms;
    expect(wokeAt('A: step 2')).toBeGreaterThanOrEqual(100);
    expect(wokeAt("reader: got 'hello from the writer'")).toBeGreaterThanOrEqual(250);
    expect(events.at(-1)!.ms).toBeGreaterThanOrEqual(300);
    expect(events.at(-1)!.ms).toBeLessThan(500);
  });
});

describe('demos/python/greenlet_vs_async.py', () => {
  it('shows a greenlet paused under plain calls and a coroutine paused under a chain of awaits', async () => {
    const { stdout, stderr } = await runPythonScript('greenlet_vs_async.py', { env: { PYTHONWARNINGS: 'error' } });
    expect(stdout.trimEnd().split('\n')).toEqual([
      'greenlet paused in: read_line < parse_request < handle',
      'greenlet result: serving /index.html',
      'coroutine paused in: Queue.get < read_line_async < parse_request_async < handle_async',
      'coroutine result: serving /index.html',
      'without await you get a coroutine',
    ]);
    expect(stderr).toBe('');
  });
});
