// The environment a demo runs in outside the browser: when `npm run demos:record` records it and
// when the local runner runs it. Clean, so a setting on one machine (UV_THREADPOOL_SIZE,
// NODE_OPTIONS, PYTHONPATH, colours) cannot change what the page shows, and the same in both, so
// a live run and its recording differ only by the machine.

/**
 * What a server demo prints once it listens, with the port: how the runner knows to show its
 * preview, and the recorder when to start its session.
 */
export const LISTENING = /listening on port (\d+)/;

/**
 * `command args` started under a limit on its open files (`ulimit -n`): a number, or 'hard' for as
 * many as the machine allows. For the tests that exhaust a server's descriptors, and the bench
 * that holds ten thousand connections on one.
 */
export function withFileLimit(limit: number | 'hard', command: string, args: readonly string[]): [string, string[]] {
  const value = limit === 'hard' ? '"$(ulimit -Hn)"' : String(limit);
  return ['/bin/sh', ['-c', `ulimit -n ${value} && exec "$0" "$@"`, command, ...args]];
}

export function runEnvironment(extra: Readonly<Record<string, string>> = {}, path = process.env['PATH'] ?? ''): Record<string, string> {
  return {
    PATH: path,
    NO_COLOR: '1',
    // Python: output as it happens, no __pycache__ beside the program.
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    // Programs print their timeline lines (#trace, see demos/python/lanes.py) only when asked.
    DEMO_TRACE: '1',
    ...extra,
  };
}
