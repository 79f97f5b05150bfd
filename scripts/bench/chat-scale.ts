// The talk's "500 concurrent connections with 45 MB of memory", re-measured: for each chat
// server, hold 500 long-poll /wait requests open, read its thread count and resident memory
// from /proc, then time how long one send takes to answer all 500.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { get, request, type IncomingMessage } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';

const PYTHON = process.env['PYTHON'] ?? '/usr/bin/python3';
export const CLIENTS = 500;

export interface ChatScaleResult {
  server: string;
  version: string;
  threads: number;
  rssIdleMb: number;
  rssWaitingMb: number;
  wakeAllMs: number;
}

const servers = [
  { server: 'gevent', command: PYTHON, args: ['-u', 'demos/python/chat_gevent.py'], version: `${PYTHON} -c "import gevent; print('gevent', gevent.__version__)"` },
  { server: 'Eventlet', command: PYTHON, args: ['-u', 'demos/python/chat_eventlet.py'], version: `${PYTHON} -c "import eventlet; print('eventlet', eventlet.__version__)"` },
  { server: 'Twisted', command: PYTHON, args: ['-u', 'demos/python/chat_twisted.py'], version: `${PYTHON} -c "import twisted; print('Twisted', twisted.__version__)"` },
  { server: 'asyncio', command: PYTHON, args: ['-u', 'demos/python/asyncio_chat.py'], version: `${PYTHON} -c "import sys; print('asyncio, Python', sys.version.split()[0])"` },
  { server: 'Node.js', command: process.execPath, args: ['demos/comet-chat/server.js'], version: `${process.execPath} -e "console.log('Node.js', process.version)"` },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(command: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, PORT: '0', CHAT_WAIT_TIMEOUT: '300' }, stdio: ['ignore', 'pipe', 'inherit'] });
    // Line by line: an unbuffered print() may arrive in several chunks.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on port (\d+)/.exec(line);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

function procStatus(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return { threads: readdirSync(`/proc/${pid}/task`).length, rssMb: rssKb / 1024 };
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

async function measure(server: (typeof servers)[number]): Promise<ChatScaleResult> {
  const version = spawnSync('sh', ['-c', server.version], { encoding: 'utf8' }).stdout.trim();
  const { child, port } = await start(server.command, server.args);
  try {
    await sleep(500);
    const idle = procStatus(child.pid!);
    const replies = Array.from(
      { length: CLIENTS },
      () =>
        new Promise<number>((resolve, reject) => {
          get({ host: '127.0.0.1', port, path: '/wait?since=0', agent: false }, (response) =>
            body(response).then(() => resolve(performance.now()), reject),
          ).on('error', reject);
        }),
    );
    await sleep(3000); // every request accepted and parked
    const waiting = procStatus(child.pid!);
    const sent = performance.now();
    await new Promise<void>((resolve, reject) => {
      const post = request({ host: '127.0.0.1', port, path: '/send', method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (response) =>
        body(response).then(() => resolve(), reject),
      );
      post.on('error', reject);
      post.end(JSON.stringify({ text: 'wake up, all of you' }));
    });
    const answered = await Promise.all(replies);
    return {
      server: server.server,
      version,
      threads: waiting.threads,
      rssIdleMb: idle.rssMb,
      rssWaitingMb: waiting.rssMb,
      wakeAllMs: Math.max(...answered) - sent,
    };
  } finally {
    child.kill('SIGKILL');
  }
}

export async function measureChatScale() {
  const results: ChatScaleResult[] = [];
  for (const server of servers) {
    if (process.env['ONLY'] && server.server !== process.env['ONLY']) continue;
    results.push(await measure(server));
  }
  return {
    measuredAt: new Date().toISOString().slice(0, 10),
    machine: `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux`,
    clients: CLIENTS,
    results,
  };
}
