// A runner on a real loopback server, as the dev server and `npm run present` mount it, and the
// requests a page (or an attacker) sends it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRunner, type RunnerOptions } from '../../src/runner/runner.ts';
import type { RunningProcess } from '../../src/runner/run-process.ts';
import { TOKEN_HEADER } from '../../src/shared/runner-protocol.ts';

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

export { exitOf, outputOf, postRun, type Answer } from '../../src/runner/client.ts';
