// What the pages, the build and the servers agree on about the service worker: its file, and
// the one message a page sends it (checked by shape, like every message the site receives).

/** At the root of the build, so its scope is the whole site. */
export const SERVICE_WORKER_FILE = 'sw.js';

export interface SkipWaiting {
  type: 'skip-waiting';
}

export const SKIP_WAITING: SkipWaiting = { type: 'skip-waiting' };

export function isSkipWaiting(data: unknown): data is SkipWaiting {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'skip-waiting';
}
