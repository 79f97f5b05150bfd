// The local runner's budgets, measured at its door, as a page of `npm run present` asks: Run →
// first output of a real Python demo (interpreter start and gevent's import included), and Stop
// → the whole process group of a runaway (with a child of its own) gone.
import { readFile } from 'node:fs/promises';
import { groupAlive, postRun, startLoopbackRunner } from '../../src/runner/client.ts';

export interface LocalRunnerTimings {
  /** The first Run, which also checks that python3 has gevent (once per runner start). */
  coldRunMs: number;
  runMs: number[];
  stopMs: number[];
}

export async function measureLocalRunner(runs: number): Promise<LocalRunnerTimings> {
  const server = await startLoopbackRunner();
  const { port } = server;
  const headers = server.pageHeaders();
  const program = { path: 'gevent_sleep0.py', contents: await readFile('demos/python/gevent_sleep0.py', 'utf8') };
  const firstOutput = async () => {
    const started = performance.now();
    let at = NaN;
    await postRun(port, headers, { id: 'gevent_sleep0', command: 'python3 gevent_sleep0.py', folder: 'demos/python', framework: 'gevent', files: [program] }, (event) => {
      if (event.type === 'output' && Number.isNaN(at)) at = performance.now() - started;
    });
    return at;
  };
  const runaway = {
    path: 'runaway.py',
    contents: 'import subprocess\nsubprocess.Popen(["sleep", "100"])\nprint("looping", flush=True)\nwhile True:\n    pass\n',
  };
  const stopOnce = async () => {
    let stopped = NaN;
    await postRun(port, headers, { id: 'runaway', command: 'python3 runaway.py', folder: 'demos/python', framework: 'stdlib', files: [runaway] }, (event, abort) => {
      if (event.type !== 'output') return;
      stopped = performance.now();
      abort();
    });
    // Every process of the group, its child too: the leader's pid is the group's id.
    const group = server.spawned.at(-1)!.process.pid!;
    while (await groupAlive(group)) await new Promise((resolve) => setImmediate(resolve));
    return performance.now() - stopped;
  };
  try {
    const coldRunMs = await firstOutput();
    const runMs: number[] = [];
    const stopMs: number[] = [];
    for (let run = 0; run < runs; run++) runMs.push(await firstOutput());
    for (let run = 0; run < runs; run++) stopMs.push(await stopOnce());
    return { coldRunMs, runMs, stopMs };
  } finally {
    await server.close();
  }
}
