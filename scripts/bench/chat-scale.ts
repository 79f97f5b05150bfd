// The talk's "500 concurrent connections with 45 MB of memory", re-measured and extended: for
// each chat server, hold 100, 1,000 and 10,000 long-poll /wait requests open, read its thread
// count and resident memory from /proc, then time how long one send takes to answer them all.
// Run alone with `node scripts/bench/chat-scale.ts` (it writes content/data/chat-scale.json);
// `npm run bench` runs it last.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Agent, get, request, type IncomingMessage } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { LISTENING, withFileLimit } from '../../src/shared/run-environment.ts';

const PYTHON = process.env['PYTHON'] ?? '/usr/bin/python3';
export const CLIENT_COUNTS = [100, 1000, 10_000];
/** How long a count may take to park before the run says where it stopped. */
const PARK_TIMEOUT_MS = 120_000;

export interface ScaleRun {
  clients: number;
  threads: number;
  rssIdleMb: number;
  rssWaitingMb: number;
  wakeAllMs: number;
}
/** A count a server could not hold, and why. */
export interface ScaleStop {
  clients: number;
  stopped: string;
}
export interface ServerScale {
  server: string;
  version: string;
  runs: (ScaleRun | ScaleStop)[];
}

const servers = [
  { server: 'gevent', command: PYTHON, args: ['-u', 'demos/python/chat_gevent.py'], version: `${PYTHON} -c "import gevent; print('gevent', gevent.__version__)"` },
  { server: 'Eventlet', command: PYTHON, args: ['-u', 'demos/python/chat_eventlet.py'], version: `${PYTHON} -c "import eventlet; print('eventlet', eventlet.__version__)"` },
  { server: 'Twisted', command: PYTHON, args: ['-u', 'demos/python/chat_twisted.py'], version: `${PYTHON} -c "import twisted; print('Twisted', twisted.__version__)"` },
  { server: 'asyncio', command: PYTHON, args: ['-u', 'demos/python/asyncio_chat.py'], version: `${PYTHON} -c "import sys; print('asyncio, Python', sys.version.split()[0])"` },
  { server: 'Node.js', command: process.execPath, args: ['demos/comet-chat/server.js'], version: `${process.execPath} -e "console.log('Node.js', process.version)"` },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a server with as many open files as the machine allows it (`ulimit -n` to the hard limit). */
function start(command: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(...withFileLimit('hard', command, args), {
      env: { ...process.env, PORT: '0', CHAT_WAIT_TIMEOUT: '600' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Line by line: an unbuffered print() may arrive in several chunks.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = LISTENING.exec(line);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code, signal) => reject(new Error(`${args.join(' ')} exited with ${signal ?? code}`)));
  });
}

function procStatus(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return { threads: readdirSync(`/proc/${pid}/task`).length, rssMb: rssKb / 1024, files: readdirSync(`/proc/${pid}/fd`).length };
}

function body(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => resolve(text));
    response.on('error', reject);
  });
}

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** One request, answered or failed; `path` from the protocol. */
function call(port: number, method: 'GET' | 'HEAD' | 'POST', path: string, payload?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = payload === undefined ? {} : { 'content-type': 'application/json' };
    const sent = (method === 'POST' ? request : get)({ host: '127.0.0.1', port, path, method, headers, agent }, (response) =>
      body(response).then(() => resolve(performance.now()), reject),
    );
    sent.on('error', reject);
    sent.end(payload);
  });
}

/**
 * Parks `count` long polls on a fresh server and measures it. Parked means accepted (the server
 * holds one more open file per client) and read: a request sent after them all is answered only
 * once the server has got to every one before it, each on its one loop.
 */
async function measure(server: (typeof servers)[number], count: number): Promise<ScaleRun | ScaleStop> {
  const { child, port } = await start(server.command, server.args);
  let sending = false;
  let phase = 'accepted'; // what the clients are waiting for, for the message if time runs out
  let guard: NodeJS.Timeout | undefined;
  // Whatever ends the run early: the server exiting, a waiter answered before the send, or time.
  const stopped = new Promise<never>((_, reject) => {
    child.on('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? code})`)));
    guard = setTimeout(() => reject(new Error(`not all ${count} were ${phase} within ${PARK_TIMEOUT_MS / 1000} s`)), PARK_TIMEOUT_MS);
  });
  stopped.catch(() => {}); // also once the run is over and the server is killed
  try {
    const files = procStatus(child.pid!).files; // before any connection: the listening socket and the runtime's own
    await call(port, 'GET', '/');
    const idle = procStatus(child.pid!);
    const replies = Array.from({ length: count }, () => call(port, 'GET', '/wait?since=0'));
    const early = new Promise<never>((_, reject) => {
      for (const reply of replies) reply.then(() => sending || reject(new Error('a waiter was answered before any send')), reject);
    });
    early.catch(() => {});
    const parked = (async () => {
      while (procStatus(child.pid!).files < files + count) await sleep(50);
      phase = 'read: a request after them got no answer';
      await call(port, 'HEAD', '/wait?since=0');
    })();
    await Promise.race([parked, early, stopped]);
    clearTimeout(guard);
    const waiting = procStatus(child.pid!);
    sending = true;
    const sent = performance.now();
    await Promise.race([call(port, 'POST', '/send', JSON.stringify({ text: 'wake up, all of you' })), early, stopped]);
    const answered = await Promise.race([Promise.all(replies), stopped]);
    return { clients: count, threads: waiting.threads, rssIdleMb: idle.rssMb, rssWaitingMb: waiting.rssMb, wakeAllMs: Math.max(...answered) - sent };
  } catch (error) {
    return { clients: count, stopped: (error as Error).message };
  } finally {
    clearTimeout(guard);
    child.kill('SIGKILL');
    agent.destroy();
  }
}

export async function measureChatScale() {
  const results: ServerScale[] = [];
  for (const server of servers) {
    if (process.env['ONLY'] && server.server !== process.env['ONLY']) continue;
    const version = spawnSync('sh', ['-c', server.version], { encoding: 'utf8' }).stdout.trim();
    const runs = [];
    for (const count of CLIENT_COUNTS) runs.push(await measure(server, count));
    results.push({ server: server.server, version, runs });
  }
  return {
    measuredAt: new Date().toISOString().slice(0, 10),
    machine: `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux`,
    clients: CLIENT_COUNTS,
    results,
  };
}

/** Measures and writes the table; with ONLY=<server>, measures that one and keeps the others' last figures. */
export async function writeChatScale() {
  const scale = await measureChatScale();
  if (process.env['ONLY']) {
    const before = JSON.parse(await readFile('content/data/chat-scale.json', 'utf8')) as typeof scale;
    scale.results = before.results.map((result) => scale.results.find(({ server }) => server === result.server) ?? result);
  }
  await writeFile('content/data/chat-scale.json', `${JSON.stringify(scale, null, 2)}\n`);
  return scale;
}

/** One line of the bench's report per server and count. */
export const describeRun = (version: string, run: ScaleRun | ScaleStop) =>
  'stopped' in run
    ? `${version}, ${run.clients} clients: stopped: ${run.stopped}`
    : `${version}, ${run.clients} clients: ${run.threads} threads, ${run.rssIdleMb.toFixed(1)} MB idle, ` +
      `${run.rssWaitingMb.toFixed(1)} MB waiting, one send wakes all in ${run.wakeAllMs.toFixed(0)} ms`;

if (import.meta.main) {
  const scale = await writeChatScale();
  for (const { version, runs } of scale.results) for (const run of runs) console.log(describeRun(version, run));
}
