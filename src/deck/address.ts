import { deckHash, readDeckHash } from '../shared/deck-address.ts';
import type { DeckState, SlideInfo } from './state.ts';

/** The address of a position of this deck (src/shared/deck-address.ts has the format). */
export function formatAddress(slides: readonly SlideInfo[], slide: number, step: number): string {
  const info = slides[slide];
  return info ? deckHash(info.chapter, info.n, step) : '#/';
}

/** The position a hash names, clamped to what exists; undefined if it names nothing. */
export function parseAddress(slides: readonly SlideInfo[], hash: string): Pick<DeckState, 'slide' | 'step'> | undefined {
  const address = readDeckHash(hash);
  if (!address) return undefined;
  const slide = slides.findIndex((info) => info.chapter === address.chapter && info.n === address.n);
  if (slide === -1) {
    const chapterStart = slides.findIndex((info) => info.chapter === address.chapter);
    return chapterStart === -1 ? undefined : { slide: chapterStart, step: 0 };
  }
  return { slide, step: Math.min(address.step, slides[slide]!.steps) };
}
