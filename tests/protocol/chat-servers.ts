import { PYTHON, startServer, type RunningServer } from '../python/python-programs.ts';

/** Every implementation of the long-poll chat protocol, started the same way. */
export const chatServers: { name: string; start: (env?: Record<string, string>) => Promise<RunningServer> }[] = [
  { name: 'gevent', start: (env) => startServer(PYTHON, ['-u', 'demos/python/chat_gevent.py'], env) },
  { name: 'eventlet', start: (env) => startServer(PYTHON, ['-u', 'demos/python/chat_eventlet.py'], env) },
  { name: 'Twisted', start: (env) => startServer(PYTHON, ['-u', 'demos/python/chat_twisted.py'], env) },
  { name: 'asyncio', start: (env) => startServer(PYTHON, ['-u', 'demos/python/asyncio_chat.py'], env) },
  { name: 'Node.js', start: (env) => startServer(process.execPath, ['demos/comet-chat/server.js'], env) },
];
