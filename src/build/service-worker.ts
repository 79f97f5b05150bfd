// Build time only: bundle src/offline/service-worker.ts and give it the precache manifest of the
// finished build, with Workbox's injectManifest (README › Offline says why injectManifest and
// not generateSW: the worker has jobs of its own, the isolation headers and the update rule).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { SERVICE_WORKER_FILE } from '../offline/worker-contract.ts';

const SOURCE = fileURLToPath(new URL('../offline/service-worker.ts', import.meta.url));

export interface ServiceWorkerReport {
  files: number;
  bytes: number;
  warnings: string[];
}

/** Writes `<dist>/sw.js`, precaching every file of the build in `dist`. */
export async function writeServiceWorker(dist: string): Promise<ServiceWorkerReport> {
  const bundled = join(dist, '.sw-unmanifested.js');
  await build({
    entryPoints: [SOURCE],
    outfile: bundled,
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    // Workbox logs every route it matches unless it is built for production.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  try {
    const { count, size, warnings } = await injectManifest({
      swSrc: bundled,
      swDest: join(dist, SERVICE_WORKER_FILE),
      globDirectory: dist,
      globPatterns: ['**/*'],
      // _headers is the host's configuration, not a page; the worker never precaches itself.
      globIgnores: ['_headers', SERVICE_WORKER_FILE, '.sw-unmanifested.js', '**/*.map'],
      // Astro's hashed files are named by their content: no revision needed.
      dontCacheBustURLsMatching: /^_astro\//,
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    });
    return { files: count, bytes: size, warnings };
  } finally {
    await rm(bundled, { force: true });
  }
}
