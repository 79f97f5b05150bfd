// A runner on a real loopback server, as the dev server and `npm run present` mount it, and the
// requests a page (or an attacker) sends it.
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRunner, type RunnerOptions } from '../../src/runner/runner.ts';
import type { RunningProcess } from '../../src/runner/run-process.ts';
import { RUN_PATH, TOKEN_HEADER, type RunnerEvent, type RunnerRequest } from '../../src/shared/runner-protocol.ts';

export interface Spawned {
  process: RunningProcess;
  cwd: string;
}

export async function startRunnerServer(options: RunnerOptions = {}) {
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
