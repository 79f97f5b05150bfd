// Records a server demo for the replay runtime. A server never exits on its own, so a recording
// is a session: start it on a free port, wait until it says it listens, run its scripted client
// (demo.session.client) against it, then stop it with SIGTERM. Both processes' output lands in
// one timeline, timed from the server's start: the server's lines exactly as it printed them, the
// client's each labelled with CLIENT_LABEL. Nothing is written by hand.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from '../src/runner/free-port.ts';
import { LISTENING } from '../src/shared/run-environment.ts';
import { CLIENT_LABEL, type RecordedSession, type ReplayEvent } from '../src/runtimes/transcript.ts';

const LISTEN_LIMIT_MS = 15_000;
const SESSION_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 5_000;

export interface ServerRecording {
  events: ReplayEvent[];
  exitCode: number | null;
  session: RecordedSession;
}

/** Calls `take` with each line the process prints on stdout or stderr, newline included. */
function eachLine(child: ChildProcess, take: (line: string) => void) {
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => take(`${line}\n`));
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('close', (code) => resolve(code))));

/** `work`, or a rejection with `late(ms)` once ms have passed. */
async function within<T>(work: Promise<T>, ms: number, late: (ms: number) => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tooLate = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(late(ms)), ms)));
  try {
    return await Promise.race([work, tooLate]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `server.program` runs `server.args` in `cwd`, with `server.env` (the clean run environment) and
 * the session's own (the client gets those too: a proxy's client plays its upstream); the client runs
 * on the same interpreter when it is a Python file, else Node.
 */
export async function recordServer(
  cwd: string,
  server: { program: string; args: string[]; port: number; env: Record<string, string> },
  session: { client: string; env: Record<string, string> },
): Promise<ServerRecording> {
  const port = await freePort(server.port);
  const base = server.env;
  const env = { ...base, ...session.env, PORT: String(port) };
  const started = performance.now();
  const events: ReplayEvent[] = [];
  const log: string[] = [];
  const push = (text: string) => {
    events.push({ at: Math.round((performance.now() - started) * 10) / 10, text });
    log.push(text);
  };
  const fail = (why: string) => new Error(`${why}\n--- what the run printed ---\n${log.join('')}`);
  const late = (what: string) => (ms: number) => fail(`${what} within ${ms / 1000} s`);

  const child = spawn(server.program, server.args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverExit = exited(child);
  let stopping = false;
  // Rejects if the server exits before the recorder stops it; raced against each wait below.
  const died = new Promise<never>((_, reject) => {
    void serverExit.then((code) => stopping || reject(fail(`the server exited (code ${code}) before the recorder stopped it`)));
  });
  died.catch(() => {}); // handled where it is raced; this only keeps Node from calling it unhandled
  let client: ChildProcess | undefined;
  try {
    const listening = new Promise<void>((resolve) => {
      eachLine(child, (line) => {
        push(line);
        if (LISTENING.test(line)) resolve();
      });
    });
    await within(Promise.race([listening, died]), LISTEN_LIMIT_MS, late('the server did not say "listening on port N"'));

    const clientProgram = session.client.endsWith('.py') ? server.program : process.execPath;
    client = spawn(clientProgram, [session.client], { cwd, env: { ...base, ...session.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    eachLine(client, (line) => push(`${CLIENT_LABEL}${line}`));
    const clientCode = await within(Promise.race([exited(client), died]), SESSION_LIMIT_MS, late(`the session (${session.client}) did not finish`));
    if (clientCode !== 0) throw fail(`the session (${session.client}) failed with exit code ${clientCode}`);

    stopping = true;
    child.kill('SIGTERM');
    const exitCode = await within(serverExit, STOP_LIMIT_MS, late('the server did not stop on SIGTERM'));
    return { events, exitCode, session: { client: session.client, port, env: session.env } };
  } finally {
    client?.kill('SIGKILL');
    child.kill('SIGKILL');
  }
}
