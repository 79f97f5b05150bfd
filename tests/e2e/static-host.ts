import type { AddressInfo } from 'node:net';
import { serveBuild, type ServeOptions } from '../../src/hosting/serve-build.ts';
import { createRunner } from '../../src/runner/runner.ts';

/**
 * A build served as a static host serves it, on a port of its own: with or without the
 * isolation headers (GitHub Pages sends none), and under a base path. A test that swaps what
 * `root` points at (a symlink) deploys a new version to the same origin.
 */
export async function startStaticHost(
  root: string,
  { port: listenOn = 0, withRunner = false, ...options }: Omit<ServeOptions, 'runner'> & { port?: number; withRunner?: boolean } = {},
): Promise<{ origin: string; close: () => Promise<void> }> {
  // withRunner: the server `npm run present` starts, with a runner of its own.
  const runner = withRunner ? createRunner() : undefined;
  const server = serveBuild(root, runner ? { ...options, runner } : options);
  server.on('close', () => runner?.close());
  await new Promise<void>((resolve) => server.listen(listenOn, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
