/// <reference lib="webworker" />
// The site's service worker, bundled by src/build/service-worker.ts and given the precache
// manifest by workbox-build's injectManifest. Three jobs, each told in README › Offline:
// 1. Every file of the build is precached after the first visit and served from the cache, so
//    a reload on stage never waits on the venue's Wi-Fi and a train has the whole book.
// 2. A new build waits. It is applied when the only window reloads, or when the page asks
//    (the announcement's button), never under an open deck: see applyWaitingOnReload.
// 3. Every response it serves carries the cross-origin isolation headers, so a host that sends
//    none (GitHub Pages) still gets WebContainer: the coi-serviceworker technique.
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { crossOriginIsolationHeaders } from '../hosting/headers.ts';
import { isSkipWaiting, SKIP_WAITING } from './worker-contract.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

function isolated(response: Response): Response {
  // Opaque and error responses have no headers we may set; nothing of ours is either.
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(crossOriginIsolationHeaders)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * The page a reload gets while the new version takes over: it loads itself again once the new
 * worker controls it (controllerchange), or at once if nothing is left waiting, or after 5 s
 * whatever happens, so it can never stay. location.reload() and not a Refresh header: a refresh
 * to an address with a fragment (a deck's #/chapter/n) is a move within the page.
 */
const UPDATING_PAGE = `<!doctype html><html lang="en"><title>Updating…</title><p>Loading the new version of the site…</p><script>
let done = false;
const go = () => { if (!done) { done = true; location.reload(); } };
const container = navigator.serviceWorker;
container.addEventListener('controllerchange', go);
container.getRegistration().then((registration) => (registration && registration.waiting ? undefined : go()), go);
setTimeout(go, 5000);
</script></html>`;

/**
 * A reload of the only window is the moment a waiting version may take over: it is told to skip
 * waiting, and the reload is answered with UPDATING_PAGE. (A plain reload never does this by
 * itself: the old page is still open while the new one is requested.) The answer does not wait
 * for the new worker, since this one is replaced as that one activates. With a second window
 * open, say the deck and its presenter view, nothing changes until the speaker asks.
 */
const applyWaitingOnReload: WorkboxPlugin = {
  async handlerWillRespond({ request, response }) {
    const waiting = self.registration.waiting;
    if (request.mode !== 'navigate' || !waiting) return response;
    const windows = await self.clients.matchAll({ type: 'window' });
    if (windows.length > 1) return response;
    waiting.postMessage(SKIP_WAITING);
    return new Response(UPDATING_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  },
};

const isolate: WorkboxPlugin = { handlerWillRespond: async ({ response }) => isolated(response) };

/** A cache that cannot be read (corrupted, evicted, over quota) falls back to the network. */
const networkOnError: WorkboxPlugin = { handlerDidError: async ({ request }) => isolated(await fetch(request)) };

addPlugins([applyWaitingOnReload, isolate, networkOnError]);
// Query strings never pick a different file here: `?runtime=worker`, `?notes` and Pagefind's
// cache-busting `?ts=` all name the same precached file, offline too.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html', cleanURLs: false });
cleanupOutdatedCaches();

self.addEventListener('message', (event) => {
  if (isSkipWaiting(event.data)) void self.skipWaiting();
});

// The first visit is controlled at once, so the page can become cross-origin isolated with one
// reload (src/offline/register.ts) instead of waiting for the next visit.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
