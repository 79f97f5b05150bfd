import type { Deck } from './deck.ts';
import { keysBelongElsewhere } from './focus-rule.ts';

const MIN_SWIPE_PX = 50;

/** A pointer event: what the controller reads of a PointerEvent. */
export type PointerPress = Pick<PointerEvent, 'pointerType' | 'clientX' | 'clientY' | 'target'>;

/** Where swipes happen: the deck's root element, or a stand-in in a test. */
export interface TouchSurface {
  addEventListener(type: 'pointerdown' | 'pointerup', listener: (event: PointerPress) => void): void;
  removeEventListener(type: 'pointerdown' | 'pointerup', listener: (event: PointerPress) => void): void;
}

/** A horizontal swipe moves a step: left for next, right for previous. */
export function bindTouch(deck: Deck, surface: TouchSurface): () => void {
  let start: { x: number; y: number } | undefined;
  const down = (event: PointerPress) => {
    start = event.pointerType === 'touch' && !keysBelongElsewhere(event.target) ? { x: event.clientX, y: event.clientY } : undefined;
  };
  const up = (event: PointerPress) => {
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    start = undefined;
    if (Math.abs(dx) < MIN_SWIPE_PX || Math.abs(dx) < Math.abs(dy)) return;
    if (dx < 0) deck.next();
    else deck.previous();
  };
  surface.addEventListener('pointerdown', down);
  surface.addEventListener('pointerup', up);
  return () => {
    surface.removeEventListener('pointerdown', down);
    surface.removeEventListener('pointerup', up);
  };
}
