import type { Deck } from './deck.ts';
import { keyBelongsElsewhere } from './focus-rule.ts';
import { actionFor, type DeckAction } from './keys.ts';

export type ActionHandlers = Partial<Record<DeckAction, () => void>>;

/** A key press: what the controller reads of a KeyboardEvent. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'defaultPrevented' | 'preventDefault'>;

/** The browser parts the keyboard reads. The page passes nothing (the real document); a test, a stand-in. */
export interface KeyboardGlobals {
  document: {
    addEventListener(type: 'keydown', listener: (event: KeyPress) => void): void;
    removeEventListener(type: 'keydown', listener: (event: KeyPress) => void): void;
  };
}

/**
 * Keys to actions. Navigation goes to the deck; the other actions to handlers the page
 * provides. Esc inside an editor or field gives the keys back to the deck.
 */
export function bindKeyboard(
  deck: Deck,
  handlers: ActionHandlers,
  home: Pick<HTMLElement, 'focus'>,
  { document }: KeyboardGlobals = globalThis,
): () => void {
  const navigation: ActionHandlers = {
    next: () => deck.next(),
    previous: () => deck.previous(),
    first: () => deck.first(),
    last: () => deck.last(),
    blackout: () => deck.toggleBlackout(),
  };
  const onKey = (event: KeyPress) => {
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
