import { describe, expect, it } from 'vitest';
import { bindAnnouncer } from './announcer.ts';
import { Deck } from './deck.ts';
import type { SlideInfo } from './state.ts';

const slides: SlideInfo[] = [
  { chapter: 'why-async', n: 0, title: 'Why async', steps: 0 },
  { chapter: 'why-async', n: 1, title: 'Intro', steps: 2 },
  { chapter: 'twisted', n: 0, title: 'Twisted', steps: 0 },
];

/** A live region that records every text put in it: what a screen reader would read out. */
function liveRegion() {
  const said: string[] = [];
  return {
    said,
    get textContent() {
      return said.at(-1) ?? '';
    },
    set textContent(text: string) {
      said.push(text);
    },
  };
}

describe('bindAnnouncer', () => {
  it('announces each new slide by number and title, and neither steps nor blackouts', () => {
    const deck = new Deck(slides);
    const region = liveRegion();
    bindAnnouncer(deck, region);
    deck.next(); // slide 2
    deck.next(); // a step
    deck.toggleBlackout();
    deck.goTo(2);
    expect(region.said).toEqual(['Slide 2 of 3: Intro', 'Slide 3 of 3: Twisted']);
  });

  it('falls silent once unbound', () => {
    const deck = new Deck(slides);
    const region = liveRegion();
    bindAnnouncer(deck, region)();
    deck.next();
    expect(region.said).toEqual([]);
  });
});
