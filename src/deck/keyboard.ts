import type { Deck } from './deck.ts';
import { keyBelongsElsewhere } from './focus-rule.ts';
import { actionFor, type DeckAction } from './keys.ts';

export type ActionHandlers = Partial<Record<DeckAction, () => void>>;

/**
 * Keys to actions. Navigation goes to the deck; the other actions to handlers the page
 * provides. Esc inside an editor or field gives the keys back to the deck.
 */
export function bindKeyboard(deck: Deck, handlers: ActionHandlers, home: HTMLElement): () => void {
  const navigation: ActionHandlers = {
    next: () => deck.next(),
    previous: () => deck.previous(),
    first: () => deck.first(),
    last: () => deck.last(),
    blackout: () => deck.toggleBlackout(),
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    if (keyBelongsElsewhere(event)) {
      if (event.key === 'Escape' && !(event.target as Element).closest('dialog[open]')) {
        (event.target as HTMLElement).blur();
        home.focus();
      }
      return;
    }
    const action = actionFor(event);
    const handler = action && (handlers[action] ?? navigation[action]);
    if (!handler) return;
    event.preventDefault();
    handler();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
