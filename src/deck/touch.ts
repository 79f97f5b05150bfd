import type { Deck } from './deck.ts';
import { keysBelongElsewhere } from './focus-rule.ts';

const MIN_SWIPE_PX = 50;

/** A horizontal swipe moves a step: left for next, right for previous. */
export function bindTouch(deck: Deck, surface: HTMLElement): () => void {
  let start: { x: number; y: number } | undefined;
  const down = (event: PointerEvent) => {
    start = event.pointerType === 'touch' && !keysBelongElsewhere(event.target) ? { x: event.clientX, y: event.clientY } : undefined;
  };
  const up = (event: PointerEvent) => {
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
