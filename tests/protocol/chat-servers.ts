import { createInterface } from 'node:readline';
import { PYTHON, startServer, type RunningServer } from '../python/python-programs.ts';

export interface ChatServer extends RunningServer {
  /**
   * Resolves when the server next reports a /wait request parked, with at least `count` waiting
   * then. Call it before sending the requests it is to see, so that no line goes by unread. Fails
   * if that takes over 15 s: the requests were answered without waiting, or never arrived.
   */
  parked(count?: number): Promise<void>;
}

/**
 * Watches a chat server's stdout for its "parked, N waiting" lines: Node's server prints them of
 * itself; the Python servers run under tests/protocol/report_parked.py, which prints them for them.
 */
function watchParked(server: RunningServer): ChatServer {
  const pending = new Set<{ count: number; resolve: () => void; reject: (error: Error) => void }>();
  createInterface({ input: server.process.stdout! }).on('line', (line) => {
    const match = /parked, (\d+) waiting/.exec(line);
    if (!match) return;
    for (const waiter of pending) if (Number(match[1]) >= waiter.count) waiter.resolve();
  });
  server.process.on('exit', (code, signal) => {
    for (const waiter of pending) waiter.reject(new Error(`the server exited (${signal ?? code}) before ${waiter.count} waited`));
  });
  const parked = (count = 1) =>
    new Promise<void>((resolve, reject) => {
      const guard = setTimeout(() => waiter.reject(new Error(`no "parked, ${count} waiting" from the server within 15 s`)), 15_000);
      const settle = () => {
        clearTimeout(guard);
        pending.delete(waiter);
      };
      const waiter = {
        count,
        resolve: () => (settle(), resolve()),
        reject: (error: Error) => (settle(), reject(error)),
      };
      pending.add(waiter);
    });
  return { ...server, parked };
}

const python = (file: string) => async (env?: Record<string, string>) =>
  watchParked(await startServer(PYTHON, ['-u', 'tests/protocol/report_parked.py', `demos/python/${file}`], env));

/** Every implementation of the long-poll chat protocol, started the same way. */
export const chatServers: { name: string; start: (env?: Record<string, string>) => Promise<ChatServer> }[] = [
  { name: 'gevent', start: python('chat_gevent.py') },
  { name: 'eventlet', start: python('chat_eventlet.py') },
  { name: 'Twisted', start: python('chat_twisted.py') },
  { name: 'asyncio', start: python('asyncio_chat.py') },
  { name: 'Node.js', start: async (env) => watchParked(await startServer(process.execPath, ['demos/comet-chat/server.js'], env)) },
];
