// A Node client of the local runner, as a page talks to it, and a runner on a loopback server of
// its own to talk to: for the preflight, the bench and the tests. `headers` are sent as given
// (Host too), so a test can send what an attacker would.
import { readdir, readFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RUN_PATH, TOKEN_HEADER, type RunnerEvent, type RunnerRequest } from '../shared/runner-protocol.ts';
import { createRunner, type RunnerOptions } from './runner.ts';
import type { RunningProcess } from './run-process.ts';

export interface Spawned {
  process: RunningProcess;
  cwd: string;
}

/** A runner on 127.0.0.1 and a free port, as the dev server and `npm run present` mount it. */
export async function startLoopbackRunner(options: RunnerOptions = {}) {
  const spawned: Spawned[] = [];
  const runner = createRunner({ ...options, onSpawn: (process, cwd) => spawned.push({ process, cwd }) });
  const server = createServer((req, res) => {
    if (!runner.handle(req, res)) res.writeHead(404).end('not the runner');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    runner,
    /** Every process the runner started, in order. */
    spawned,
    port,
    host,
    /** The headers a page of this server sends. */
    pageHeaders: (): Record<string, string> => ({ host, origin: `http://${host}`, [TOKEN_HEADER]: runner.token, 'content-type': 'application/json' }),
    close: () =>
      new Promise<void>((resolve) => {
        runner.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The state and process group of a process, from /proc: undefined once it is gone. */
async function procStat(pid: string | number): Promise<{ state: string; group: number } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: state!, group: Number(group) };
}

/** Whether a process still runs: a zombie waiting to be reaped runs no more. */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await procStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/** Whether any process of process group `group` still runs. */
export async function groupAlive(group: number): Promise<boolean> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await procStat(entry);
    if (stat?.group === group && stat.state !== 'Z') return true;
  }
  return false;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  events: RunnerEvent[];
}

/**
 * POSTs a run and collects the answer; `onEvent` sees each event as it streams, and may call
 * `abort` (what Stop does in the page).
 */
export function postRun(
  port: number,
  headers: Record<string, string>,
  body: Partial<RunnerRequest> | string,
  onEvent?: (event: RunnerEvent, abort: () => void) => void,
  path = RUN_PATH,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const events: RunnerEvent[] = [];
    let text = '';
    let pending = '';
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers, setHost: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (res.statusCode !== 200) return;
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as RunnerEvent;
          events.push(event);
          onEvent?.(event, () => {
            req.destroy();
            resolve({ status: res.statusCode!, headers: res.headers, body: text, events });
          });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, events }));
      res.on('error', () => undefined);
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

export const outputOf = (answer: Answer) =>
  answer.events.flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');
export const exitOf = (answer: Answer) => answer.events.find((event) => event.type === 'exit');
