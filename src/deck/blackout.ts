import type { Deck } from './deck.ts';

/** The black screen a speaker shows while talking away from the slides. */
export function bindBlackout(deck: Deck, screen: Pick<HTMLElement, 'hidden'>): () => void {
  const render = () => {
    screen.hidden = !deck.state.blackout;
  };
  render();
  return deck.subscribe(render);
}
