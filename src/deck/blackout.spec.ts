import { describe, expect, it } from 'vitest';
import { bindBlackout } from './blackout.ts';
import { Deck } from './deck.ts';
import type { SlideInfo } from './state.ts';

const slides: SlideInfo[] = [
  { chapter: 'why-async', n: 0, title: 'Why async', steps: 0 },
  { chapter: 'why-async', n: 1, title: 'Intro', steps: 0 },
];

describe('bindBlackout', () => {
  it('shows the black screen while the deck is blacked out, and only then', () => {
    const deck = new Deck(slides);
    const screen = { hidden: false }; // as the markup might leave it: the deck decides
    bindBlackout(deck, screen);
    expect(screen.hidden).toBe(true);
    deck.toggleBlackout();
    expect(screen.hidden).toBe(false);
    deck.next(); // moving on behind the black screen keeps it up
    expect(screen.hidden).toBe(false);
    deck.toggleBlackout();
    expect(screen.hidden).toBe(true);
  });

  it('starts black in a window that opens while the talk is blacked out', () => {
    const deck = new Deck(slides);
    deck.set({ blackout: true }, 'remote');
    const screen = { hidden: true };
    bindBlackout(deck, screen);
    expect(screen.hidden).toBe(false);
  });
});
