// The local runner: runs a demo for real on this computer, for the pages of the server it is
// part of (`npm run dev` through vite-plugin.ts, `npm run present` through scripts/present.ts).
// A Run is POST /__runner/run; the answer streams the run as JSON lines (runner-protocol.ts) and
// Stop is the page aborting it, which ends the run's whole process group at once.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCommand } from '../runtimes/runtime.ts';
import { RUN_PATH, type RunnerEvent, type RunnerRequest } from '../shared/runner-protocol.ts';
import { PYTHON_NEEDS } from '../shared/python-frameworks.ts';
import { LISTENING, runEnvironment } from '../shared/run-environment.ts';
import { freePort } from './free-port.ts';
import { checkRunnerRequest } from './guard.ts';
import { withRunnerToken } from './page-token.ts';
import { startPreviewProxy, type PreviewProxy } from './preview-proxy.ts';
import { pythonFinder } from './python.ts';
import { runProcess, type Limits, type RunningProcess } from './run-process.ts';
import { BadFilesError, createWorkspace } from './workspace.ts';

/** A program gets a minute; a server, which the speaker keeps open during a talk, a quarter of an hour. */
export const DEFAULT_LIMITS = { program: { timeMs: 60_000, outputBytes: 4 * 1024 * 1024 }, server: { timeMs: 15 * 60_000, outputBytes: 4 * 1024 * 1024 } };
const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** The heap a Node demo may use: the demos need a few MB. */
export const NODE_MEMORY_MB = 512;

export interface RunnerOptions {
  /** The secret; a new random one by default, so it changes at every start. */
  token?: string;
  limits?: { program: Limits; server: Limits };
  /** Where to look for python3, first match wins (see python.ts); by default $PYTHON alone, or python3 then /usr/bin/python3. */
  pythons?: readonly string[];
  /** Told of each process started, for the tests that prove what ran and what did not. */
  onSpawn?: (process: RunningProcess, cwd: string) => void;
}

export interface Runner {
  readonly token: string;
  /** Handles the request if it is the runner's; false if it is not (the server serves it). */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** The page, with the meta element that tells it the runner is here. */
  injectToken(html: string): string;
  /** Stops every run (the server is shutting down). */
  close(): void;
}

class BadRequestError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BadRequestError(`the request is over ${MAX_BODY_BYTES} bytes`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseRequest(text: string): RunnerRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError('the request is not JSON');
  }
  const body = value as Partial<RunnerRequest> | null;
  if (typeof body?.id !== 'string' || typeof body.command !== 'string' || typeof body.folder !== 'string' || !Array.isArray(body.files)) {
    throw new BadRequestError('the request must give id, command, folder and files');
  }
  if (body.framework !== undefined && !PYTHON_NEEDS.includes(body.framework)) throw new BadRequestError(`unknown framework ${JSON.stringify(body.framework)}`);
  if (body.port !== undefined && !(Number.isInteger(body.port) && body.port > 0 && body.port < 65536)) throw new BadRequestError('port must be a port number');
  const env = body.env ?? {};
  if (typeof env !== 'object' || Object.entries(env).some(([key, v]) => !/^[A-Z_][A-Z0-9_]*$/.test(key) || typeof v !== 'string' || key === 'PATH')) {
    throw new BadRequestError('env must map upper-case names (not PATH) to strings');
  }
  return { ...body, env } as RunnerRequest;
}

export function createRunner(options: RunnerOptions = {}): Runner {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limits = options.limits ?? DEFAULT_LIMITS;
  // $PYTHON is a choice, and is kept to; otherwise the first python3 that has what a program needs.
  const pythons = options.pythons ?? (process.env['PYTHON'] ? [process.env['PYTHON']] : ['python3', '/usr/bin/python3']);
  const findPython = pythonFinder(pythons, runEnvironment());
  const active = new Set<() => void>();

  async function run(request: IncomingMessage, response: ServerResponse) {
    let demo: RunnerRequest;
    let command: ReturnType<typeof parseCommand>;
    try {
      demo = parseRequest(await readBody(request));
      command = parseCommand(demo.command);
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`The local runner refused this run: ${(error as Error).message.replace(/\.$/, '')}.`);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const send = (event: RunnerEvent) => {
      if (!response.destroyed) response.write(`${JSON.stringify(event)}\n`);
    };
    const finish = (event: RunnerEvent & { type: 'exit' }) => {
      send(event);
      response.end();
    };
    let program = process.execPath;
    if (command.interpreter === 'python3') {
      const choice = await findPython(demo.framework);
      if (!choice.ok) return finish({ type: 'exit', code: null, reason: 'error', message: choice.message });
      program = choice.program;
    }
    let workspace;
    try {
      workspace = await createWorkspace(demo.folder, demo.files);
    } catch (error) {
      if (!(error instanceof BadFilesError)) throw error;
      return finish({ type: 'exit', code: null, reason: 'error', message: `the local runner refused the files: ${error.message}` });
    }
    const server = demo.port !== undefined;
    const port = server ? await freePort(demo.port!) : undefined;
    const env = runEnvironment({ ...demo.env, ...(port !== undefined && { PORT: String(port) }) });
    let preview: PreviewProxy | undefined;
    let finished = false;
    let held = '';
    const watchForListening = (text: string) => {
      if (!server || preview) return;
      held = (held + text).slice(-200);
      const match = LISTENING.exec(held);
      if (!match) return;
      held = '';
      const listening = Number(match[1]);
      void startPreviewProxy(listening).then((proxy) => {
        if (response.destroyed || finished) return proxy.close();
        preview = proxy;
        send({ type: 'server-ready', port: listening, url: proxy.url });
      });
    };
    // Node keeps what a program prints in memory while the program never yields (a busy loop
    // writing to a pipe): a cap makes such an edit end in a second, not take the laptop's memory.
    const memoryCap = command.interpreter === 'node' ? [`--max-old-space-size=${NODE_MEMORY_MB}`] : [];
    const running = runProcess(program, [...memoryCap, command.entry, ...command.args], {
      cwd: workspace.cwd,
      env,
      limits: server ? limits.server : limits.program,
      onOutput: (text) => {
        send({ type: 'output', text });
        watchForListening(text);
      },
    });
    options.onSpawn?.(running, workspace.cwd);
    active.add(running.stop);
    // Stop: the page aborted the request, or the tab went away.
    response.on('close', running.stop);
    const end = await running.ended;
    finished = true;
    active.delete(running.stop);
    preview?.close();
    await workspace.remove();
    if (end.reason === 'stopped' && end.message) send({ type: 'output', text: `\n${end.message}\n` });
    finish({ type: 'exit', code: end.code, reason: end.reason, ...(end.message && { message: end.message }) });
  }

  return {
    token,
    handle(request, response) {
      const path = (request.url ?? '').split('?')[0]!;
      if (!path.startsWith('/__runner/')) return false;
      const verdict = checkRunnerRequest(request, token);
      if (!verdict.ok) {
        response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`Forbidden: ${verdict.why}.`);
        return true;
      }
      if (path !== RUN_PATH || request.method !== 'POST') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`The local runner has no ${request.method} ${path}.`);
        return true;
      }
      run(request, response).catch((error: Error) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`The local runner failed: ${error.message}`);
      });
      return true;
    },
    injectToken: (html) => withRunnerToken(html, token),
    close() {
      for (const stop of active) stop();
    },
  };
}
