/** How far through a chapter the reader has scrolled, 0 to 1. */
export type Progress = number;

export function readProgress(chapter: string, storage: Pick<Storage, 'getItem'> = localStorage): Progress {
  try {
    const value = Number(storage.getItem(STORAGE_KEYS.progressPrefix + chapter));
    return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  } catch {
    return 0;
  }
}

export function writeProgress(chapter: string, progress: Progress, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(STORAGE_KEYS.progressPrefix + chapter, progress.toFixed(3));
  } catch {
    // No storage (private mode, quota): progress is simply not remembered.
  }
}

function scrollable(): number {
  return document.documentElement.scrollHeight - innerHeight;
}

/**
 * Remembers the reader's place in a chapter and takes them back to it when they open the
 * chapter again. A link to a heading (#hash) and the browser's own restore on reload or
 * back/forward always win over the stored place.
 */
/** Returns a function that stops tracking (the element left the page in a client-side move). */
export function trackReadingPosition(chapter: string): () => void {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  const stored = readProgress(chapter);
  if (!location.hash && (navigation?.type ?? 'navigate') === 'navigate' && stored > 0.01 && stored < 0.99) {
    scrollTo({ top: stored * scrollable(), behavior: 'instant' });
  }
  let pending = false;
  const onScroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const max = scrollable();
      writeProgress(chapter, max > 0 ? scrollY / max : 1);
    });
  };
  addEventListener('scroll', onScroll, { passive: true });
  return () => removeEventListener('scroll', onScroll);
}
