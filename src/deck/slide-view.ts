import type { Deck } from './deck.ts';
import { applySteps } from './slide-dom.ts';

/**
 * Shows the current slide at its current step and hides the rest (`hidden` also takes them out
 * of the accessibility tree). Only the slides that change are touched, so a slide change costs
 * the same whatever the slide count.
 */
export function bindSlideView(deck: Deck, elements: readonly HTMLElement[]): () => void {
  elements.forEach((element, index) => {
    element.hidden = index !== deck.state.slide;
  });
  const show = () => {
    const current = elements[deck.state.slide]!;
    current.hidden = false;
    current.toggleAttribute('data-current', true);
    applySteps(current, deck.state.step);
  };
  show();
  return deck.subscribe((state, previous) => {
    if (state.slide !== previous.slide) {
      const old = elements[previous.slide];
      if (old && !old.closest('[data-overview]')) old.hidden = true;
      old?.removeAttribute('data-current');
    }
    show();
  });
}
