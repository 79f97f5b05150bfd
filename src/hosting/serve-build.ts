// The production build served by Node, as `npm run present` serves it on the speaker's machine:
// the files of dist/ with the headers a production host sends (headers.ts), the pages with the
// local runner's meta element, and the runner's own routes. Loopback only: it runs code.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, relative } from 'node:path';
import { isLoopbackHost } from '../runner/guard.ts';
import type { Runner } from '../runner/runner.ts';
import { crossOriginIsolationHeaders } from './headers.ts';
import { answerRetiredWorker } from '../offline/retired-service-worker.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};
// Pagefind's index files have their own extensions and are binary.
const typeOf = (path: string) => TYPES[extname(path)] ?? 'application/octet-stream';

async function fileFor(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const target = normalize(join(root, decoded));
  if (relative(root, target).startsWith('..')) return undefined;
  const info = await stat(target).catch(() => undefined);
  if (info?.isFile()) return target;
  if (info?.isDirectory()) {
    const index = join(target, 'index.html');
    if (await stat(index).then((s) => s.isFile(), () => false)) return index;
  }
  return undefined;
}

export interface ServeOptions {
  /** The local runner: its routes, and its secret written into every page. */
  runner?: Runner;
  /** Send COOP/COEP, as Netlify, Cloudflare Pages and Vercel do here; `false` is GitHub Pages. */
  isolationHeaders?: boolean;
  /** The path the site was built for (SITE_BASE); anything outside it is not found. */
  base?: string;
}

/**
 * A static host for a build on this computer. With a runner it is `npm run present`; without one
 * it stands in for the hosts the site is deployed to (tests/e2e/offline.spec.ts).
 */
export function serveBuild(root: string, { runner, isolationHeaders = true, base = '/' }: ServeOptions = {}): Server {
  return createServer((request, response) => {
    void (async () => {
      if (isolationHeaders) for (const [name, value] of Object.entries(crossOriginIsolationHeaders)) response.setHeader(name, value);
      // A page of this server names it as its Host: anything else is a rebinding attempt.
      if (!isLoopbackHost(request.headers.host)) {
        response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: this server answers only localhost, 127.0.0.1 and [::1].');
        return;
      }
      if (runner?.handle(request, response)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const address = new URL(request.url ?? '/', 'http://localhost').pathname;
      // The runner's pages are written per start, so no service worker may keep them: a worker
      // left on this address by a static build (npm run preview) is retired on its next check.
      if (runner && answerRetiredWorker(request, response, base)) return;
      const inject = (html: string) => (runner ? runner.injectToken(html) : html);
      const path = address.startsWith(base) ? `/${address.slice(base.length)}` : undefined;
      // Directory addresses without their slash go to the slash, as static hosts do.
      const file = path === undefined ? undefined : await fileFor(root, path);
      if (!file) {
        if (path !== undefined && !path.endsWith('/') && (await fileFor(root, `${path}/`))) {
          response.writeHead(301, { location: `${address}/` }).end();
          return;
        }
        const notFound = await readFile(join(root, '404.html'), 'utf8').catch(() => 'Not found');
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(inject(notFound));
        return;
      }
      const type = typeOf(file);
      if (type.startsWith('text/html')) {
        const html = inject(await readFile(file, 'utf8'));
        response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' }).end(request.method === 'HEAD' ? undefined : html);
        return;
      }
      response.writeHead(200, { 'content-type': type, 'content-length': (await stat(file)).size });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    })().catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`The server failed: ${error.message}`);
    });
  });
}
