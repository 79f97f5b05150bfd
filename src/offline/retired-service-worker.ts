import { SERVICE_WORKER_FILE } from './worker-contract.ts';

// What the local runner's servers answer for /sw.js. A service worker registered on the same
// address by a static build (say `npm run preview` on the same port) would go on serving that
// build's pages, without the runner's secret. The browser checks /sw.js on every visit; this one
// replaces it, unregisters, and reloads the windows it had, which the runner's server now answers.
export const RETIRED_SERVICE_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
`;

/**
 * Answers `request` with the retired worker if it asks for the site's worker under `base`; says
 * whether it did. For the runner's two servers (serve-build.ts, the dev server's plugin).
 */
export function answerRetiredWorker(request: { url?: string | undefined }, response: import('node:http').ServerResponse, base: string): boolean {
  if (new URL(request.url ?? '/', 'http://localhost').pathname !== `${base}${SERVICE_WORKER_FILE}`) return false;
  response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(RETIRED_SERVICE_WORKER);
  return true;
}
