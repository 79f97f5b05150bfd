// The page's side of the service worker (src/offline/service-worker.ts): register it after
// load, make the first visit cross-origin isolated with at most one reload, and announce a new
// version without applying it. Small on purpose: every book page and the deck load it.
import { RUNNER_META } from '../shared/runner-protocol.ts';
import { SERVICE_WORKER_FILE, SKIP_WAITING } from './worker-contract.ts';
import { SITE_BASE } from '../shared/site-base.ts';

/** Set for the tab once it has reloaded to become isolated: a second reload never happens. */
const ISOLATION_RELOAD_KEY = STORAGE_KEYS.isolationReload;

/**
 * Pages with a demo reload once, the first time the worker takes them over, if their host sent
 * no isolation headers: after that reload WebContainer can boot. Without sessionStorage there
 * is no reload at all, rather than a chance of a loop.
 */
function isolateOnce(): void {
  if (crossOriginIsolated || !document.querySelector('demo-embed')) return;
  try {
    if (sessionStorage.getItem(ISOLATION_RELOAD_KEY)) return;
    sessionStorage.setItem(ISOLATION_RELOAD_KEY, '1');
  } catch {
    return;
  }
  location.reload();
}

/** The page's announcement (SiteUpdate.astro), hidden until a new version waits. */
const NOTICE = '[data-site-update]';

export function registerServiceWorker(): void {
  const container = navigator.serviceWorker;
  // The local runner's pages (npm run present, npm run dev) are written per start: never cached.
  if (!container || document.querySelector(`meta[name="${RUNNER_META}"]`)) return;
  addEventListener(
    'load',
    async () => {
      const hadController = container.controller !== null;
      const registration = await container.register(SITE_BASE + SERVICE_WORKER_FILE, { scope: SITE_BASE, updateViaCache: 'none' }).catch(() => undefined);
      if (!registration) return;
      let asked = false;
      container.addEventListener('controllerchange', () => {
        if (asked) location.reload();
        else if (!hadController) isolateOnce();
      });
      const announce = () => {
        // Looked up each time: a book page moved in place has a new one.
        const notice = document.querySelector<HTMLElement>(NOTICE);
        if (!notice || !registration.waiting || !container.controller) return;
        notice.hidden = false;
        notice.querySelector('button')!.onclick = () => {
          asked = true;
          if (registration.waiting) registration.waiting.postMessage(SKIP_WAITING);
          else location.reload();
        };
      };
      announce();
      document.addEventListener('astro:after-swap', announce);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed') announce();
        });
      });
    },
    { once: true },
  );
}
