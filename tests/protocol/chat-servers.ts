import { createInterface } from 'node:readline';
import { withFileLimit } from '../../src/shared/run-environment.ts';
import { PYTHON, startServer, type RunningServer } from '../python/python-programs.ts';

export interface ChatServer extends RunningServer {
  /**
   * Resolves when the server next reports a /wait request parked, with at least `count` waiting
   * then. Call it before sending the requests it is to see, so that no line goes by unread. Fails
   * if that takes over 15 s: the requests were answered without waiting, or never arrived.
   */
  parked(count?: number): Promise<void>;
  /** Resolves when the server next reports a waiter gone, with at most `count` still waiting. */
  released(count: number): Promise<void>;
}

interface Watch {
  matches(line: string): boolean;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Watches a chat server's stdout for its "parked, N waiting" lines, and for the lines that say a
 * waiter has gone ("released, N waiting"; Node's "the client left, N waiting"). Node's server
 * prints them of itself; the Python servers run under tests/protocol/report_parked.py, which
 * prints them for them.
 */
function watchWaiting(server: RunningServer): ChatServer {
  const pending = new Set<Watch>();
  createInterface({ input: server.process.stdout! }).on('line', (line) => {
    for (const watch of pending) if (watch.matches(line)) watch.resolve();
  });
  server.process.on('exit', (code, signal) => {
    for (const watch of pending) watch.reject(new Error(`the server exited (${signal ?? code}) while a test watched it`));
  });
  const watch = (what: string, pattern: RegExp, test: (count: number) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const guard = setTimeout(() => entry.reject(new Error(`no ${what} from the server within 15 s`)), 15_000);
      const settle = () => {
        clearTimeout(guard);
        pending.delete(entry);
      };
      const entry: Watch = {
        matches: (line) => {
          const match = pattern.exec(line);
          return match !== null && test(Number(match[1]));
        },
        resolve: () => (settle(), resolve()),
        reject: (error) => (settle(), reject(error)),
      };
      pending.add(entry);
    });
  return {
    ...server,
    parked: (count = 1) => watch(`"parked, ${count} waiting"`, /parked, (\d+) waiting/, (n) => n >= count),
    released: (count) => watch(`waiter released with ${count} left`, /(?:released|the client left), (\d+) waiting/, (n) => n <= count),
  };
}

export interface StartOptions {
  env?: Record<string, string>;
  /** A limit on the server's open files (`ulimit -n`), as a small machine or a container has. */
  fileLimit?: number;
}

function launch([command, ...args]: string[], { env, fileLimit }: StartOptions) {
  const [program, programArgs] = fileLimit === undefined ? [command!, args] : withFileLimit(fileLimit, command!, args);
  return startServer(program, programArgs, env).then(watchWaiting);
}

const python = (file: string) => ({
  start: (options: StartOptions = {}) => launch([PYTHON, '-u', 'tests/protocol/report_parked.py', `demos/python/${file}`], options),
});

/** Every implementation of the long-poll chat protocol, started the same way. */
export const chatServers: { name: string; start: (options?: StartOptions) => Promise<ChatServer> }[] = [
  { name: 'gevent', ...python('chat_gevent.py') },
  { name: 'eventlet', ...python('chat_eventlet.py') },
  { name: 'Twisted', ...python('chat_twisted.py') },
  { name: 'asyncio', ...python('asyncio_chat.py') },
  { name: 'Node.js', start: (options = {}) => launch([process.execPath, 'demos/comet-chat/server.js'], options) },
];
