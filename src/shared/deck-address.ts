/**
 * A deck position as a URL hash: `#/why-async/3` is slide 3 of chapter "why-async" (0 is the
 * chapter's title slide), `#/why-async/3/2` the same slide with two steps revealed. Addresses
 * name chapters, not global numbers, so links survive chapters being added or reordered. The
 * one format, written by the book's "present from here" links at build time and by the deck.
 */
export function deckHash(chapter: string, n: number, step = 0): string {
  return `#/${chapter}/${n}${step > 0 ? `/${step}` : ''}`;
}

/** What a hash names, as written; undefined if it is not a deck address. */
export function readDeckHash(hash: string): { chapter: string; n: number; step: number } | undefined {
  const match = /^#\/([a-z0-9-]+)(?:\/(\d+))?(?:\/(\d+))?$/.exec(hash);
  if (!match) return undefined;
  const [, chapter, n = '0', step = '0'] = match;
  return { chapter: chapter!, n: Number(n), step: Number(step) };
}
