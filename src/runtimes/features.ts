// Feature detection for choosing a runtime: what the page can do, never which browser it is.
import type { Availability } from './runtime.ts';

export interface IsolationScope {
  crossOriginIsolated?: boolean;
  SharedArrayBuffer?: unknown;
  Worker?: unknown;
}

/**
 * What WebContainer needs before it can even try to boot: SharedArrayBuffer, which browsers
 * only give a cross-origin isolated page. For the WebContainer adapter's available().
 */
export function webContainerSupport(scope: IsolationScope = globalThis as IsolationScope): Availability {
  if (scope.crossOriginIsolated !== true) return { ok: false, why: 'this page is not cross-origin isolated' };
  if (typeof scope.SharedArrayBuffer !== 'function') return { ok: false, why: 'this browser has no SharedArrayBuffer' };
  if (typeof scope.Worker !== 'function') return { ok: false, why: 'this browser has no Web Workers' };
  return { ok: true, why: 'this page is cross-origin isolated' };
}
