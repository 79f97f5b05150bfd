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

/** The browser parts the idle toolbar reads. The page passes nothing (the real window); a test, a stand-in. */
export interface ToolbarIdleGlobals {
  window: { addEventListener(type: 'pointermove', listener: () => void, options: AddEventListenerOptions): void };
}

/**
 * Hides the toolbar while the pointer rests, as slide tools hide the cursor. Its timers are the
 * global ones, which a test replaces with fake timers.
 */
export function bindToolbarIdle(
  toolbar: Pick<HTMLElement, 'toggleAttribute' | 'removeAttribute'>,
  { window }: ToolbarIdleGlobals = globalThis,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    toolbar.removeAttribute('data-idle');
    clearTimeout(timer);
    timer = setTimeout(() => toolbar.toggleAttribute('data-idle', true), IDLE_MS);
  };
  window.addEventListener('pointermove', wake, { passive: true });
  wake();
}
