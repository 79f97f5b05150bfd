import type { Deck } from './deck.ts';

/** Says "Slide N of M: title" to screen readers whenever the slide changes. */
export function bindAnnouncer(deck: Deck, region: Pick<HTMLElement, 'textContent'>): () => void {
  return deck.subscribe((state, previous) => {
    if (state.slide === previous.slide) return;
    region.textContent = `Slide ${state.slide + 1} of ${deck.slides.length}: ${deck.current?.title ?? ''}`;
  });
}
