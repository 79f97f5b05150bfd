// npm run present: the talk from this computer. Builds the site, then serves the build with the
// local runner on http://localhost:4321/, so every demo can run for real here (Python with this
// computer's gevent, Eventlet and Twisted; Node demos in real Node) and nothing needs the network.
//   --no-build   serve the dist/ that is there (the tests build once)
//   --port N     another port (PORT works too)
import { execFileSync } from 'node:child_process';
import { serveBuild } from '../src/hosting/serve-build.ts';
import { createRunner } from '../src/runner/runner.ts';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env['PORT'] ?? 4321));
if (!args.includes('--no-build')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });

const runner = createRunner();
const server = serveBuild('dist', { runner });
server.listen(port, '127.0.0.1', () => {
  console.log(`\n  Async Talk, with the local runner\n\n  Local    http://127.0.0.1:${port}/\n  Deck     http://127.0.0.1:${port}/deck/\n\n  Served on loopback only. Press Ctrl+C to stop.\n`);
});
const shutDown = () => {
  runner.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);
