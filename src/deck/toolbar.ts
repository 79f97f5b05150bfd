import type { Deck } from './deck.ts';
import type { DeckAction } from './keys.ts';

/** Buttons for mouse and touch users, driving the same actions as the keys; and a counter. */
export function bindToolbar(deck: Deck, actions: Partial<Record<DeckAction, () => void>>, toolbar: HTMLElement): void {
  toolbar.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-deck-action]');
    actions[button?.dataset['deckAction'] as DeckAction]?.();
  });
  const counter = toolbar.querySelector<HTMLElement>('[data-deck-counter]')!;
  const render = () => {
    counter.textContent = `${deck.state.slide + 1} / ${deck.slides.length}`;
  };
  render();
  deck.subscribe(render);
}

const IDLE_MS = 2500;

/** Hides the toolbar while the pointer rests, as slide tools hide the cursor. */
export function bindToolbarIdle(toolbar: HTMLElement): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    toolbar.removeAttribute('data-idle');
    clearTimeout(timer);
    timer = setTimeout(() => toolbar.toggleAttribute('data-idle', true), IDLE_MS);
  };
  addEventListener('pointermove', wake, { passive: true });
  wake();
}
