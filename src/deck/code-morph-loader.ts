import type { Deck } from './deck.ts';

/**
 * Loads the code-morph animation (code-morph.ts, with Shiki Magic Move's renderer) only when a
 * slide that has one is current or next to the current one, so a deck without one, or before
 * one is near, loads none of it. Until then, and if it fails to load, its steps are cuts.
 */
export function bindCodeMorphs(deck: Deck, slides: readonly HTMLElement[]): void {
  const waiting = new Set(slides.filter((slide) => slide.querySelector('[data-morph]')));
  if (waiting.size === 0) return;
  const near = () => {
    for (const slide of waiting) {
      if (Math.abs(slides.indexOf(slide) - deck.state.slide) > 1) continue;
      waiting.delete(slide);
      void import('./code-morph.ts')
        .then(({ animateCodeMorph }) => slide.querySelectorAll<HTMLElement>('[data-morph]').forEach(animateCodeMorph))
        .catch(() => waiting.add(slide)); // offline before it was cached: cuts until a later try loads it
    }
  };
  near();
  deck.subscribe(near);
}
