// Feature detection for choosing a runtime: what the page can do, never which browser it is.
import type { Availability } from './runtime.ts';

export interface IsolationScope {
  crossOriginIsolated?: boolean;
  SharedArrayBuffer?: unknown;
  Worker?: unknown;
  navigator?: { serviceWorker?: unknown };
}

/**
 * Why a page is not isolated, when the browser has no service worker for the site's own worker
 * (src/offline/service-worker.ts) to add the headers a host such as GitHub Pages does not send.
 */
export const NO_SERVICE_WORKER =
  'this page is not cross-origin isolated (its host sends no isolation headers, and this browser gives the site no service worker to add them, as in some private windows)';

/**
 * What WebContainer needs before it can even try to boot: SharedArrayBuffer, which browsers
 * only give a cross-origin isolated page. For the WebContainer adapter's available().
 */
export function webContainerSupport(scope: IsolationScope = globalThis as IsolationScope): Availability {
  if (scope.crossOriginIsolated !== true) {
    return { ok: false, why: scope.navigator?.serviceWorker ? 'this page is not cross-origin isolated' : NO_SERVICE_WORKER };
  }
  if (typeof scope.SharedArrayBuffer !== 'function') return { ok: false, why: 'this browser has no SharedArrayBuffer' };
  if (typeof scope.Worker !== 'function') return { ok: false, why: 'this browser has no Web Workers' };
  return { ok: true, why: 'this page is cross-origin isolated' };
}
