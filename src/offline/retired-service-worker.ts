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
