import type { DeckState, SlideInfo } from './state.ts';

/**
 * A deck position as a URL hash: `#/why-async/3` is slide 3 of chapter "why-async" (0 is the
 * chapter's title slide), `#/why-async/3/2` the same slide with two steps revealed. Addresses
 * name chapters, not global numbers, so links survive chapters being added or reordered.
 */
export function formatAddress(slides: readonly SlideInfo[], slide: number, step: number): string {
  const info = slides[slide];
  if (!info) return '#/';
  return `#/${info.chapter}/${info.n}${step > 0 ? `/${step}` : ''}`;
}

/** The position a hash names, clamped to what exists; undefined if it names nothing. */
export function parseAddress(slides: readonly SlideInfo[], hash: string): Pick<DeckState, 'slide' | 'step'> | undefined {
  const match = /^#\/([a-z0-9-]+)(?:\/(\d+))?(?:\/(\d+))?$/.exec(hash);
  if (!match) return undefined;
  const [, chapter, n = '0', step = '0'] = match;
  const slide = slides.findIndex((info) => info.chapter === chapter && info.n === Number(n));
  if (slide === -1) {
    const chapterStart = slides.findIndex((info) => info.chapter === chapter);
    return chapterStart === -1 ? undefined : { slide: chapterStart, step: 0 };
  }
  return { slide, step: Math.min(Number(step), slides[slide]!.steps) };
}
