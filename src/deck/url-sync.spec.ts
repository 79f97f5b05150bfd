import { describe, expect, it } from 'vitest';
import { Deck } from './deck.ts';
import type { SlideInfo } from './state.ts';
import { bindUrlSync } from './url-sync.ts';

const slides: SlideInfo[] = [
  { chapter: 'why-async', n: 0, title: 'Why async', steps: 0 },
  { chapter: 'why-async', n: 1, title: 'Intro', steps: 2 },
  { chapter: 'twisted', n: 0, title: 'Twisted', steps: 0 },
  { chapter: 'twisted', n: 1, title: 'Reactor', steps: 1 },
];

/** A tab's address bar and history: entries, the one shown, and the Back button. */
function fakeBrowser(hash: string) {
  const window = new EventTarget();
  const location = { hash };
  const entries = [hash];
  let current = 0;
  const show = (index: number) => {
    current = index;
    location.hash = entries[index]!;
  };
  const history = {
    state: null,
    pushState(_data: unknown, _unused: string, url?: string | URL | null) {
      entries.splice(current + 1, Infinity, String(url));
      show(current + 1);
    },
    replaceState(_data: unknown, _unused: string, url?: string | URL | null) {
      entries[current] = String(url);
      show(current);
    },
  };
  return {
    globals: { window, location, history },
    location,
    /** Every entry up to the one shown, as Back would walk them. */
    entries: () => entries.slice(0, current + 1),
    back: () => {
      show(current - 1);
      window.dispatchEvent(new Event('popstate'));
    },
  };
}

describe('bindUrlSync', () => {
  it('opens at the position the address names, without adding a history entry', () => {
    const browser = fakeBrowser('#/twisted/1/1');
    const deck = new Deck(slides);
    bindUrlSync(deck, browser.globals);
    expect(deck.state).toMatchObject({ slide: 3, step: 1 });
    expect(browser.entries()).toEqual(['#/twisted/1/1']);
  });

  it('replaces an address that names no slide with the first slide’s', () => {
    const browser = fakeBrowser('#/no-such-chapter/2');
    const deck = new Deck(slides);
    bindUrlSync(deck, browser.globals);
    expect(deck.state).toMatchObject({ slide: 0, step: 0 });
    expect(browser.entries()).toEqual(['#/why-async/0']);
  });

  it('gives a new slide its own history entry and a step the same one, so Back goes a slide back', () => {
    const browser = fakeBrowser('#/why-async/0');
    const deck = new Deck(slides);
    bindUrlSync(deck, browser.globals);
    deck.next(); // slide 1
    deck.next(); // its first step
    expect(browser.entries()).toEqual(['#/why-async/0', '#/why-async/1/1']);

    browser.back();
    expect(deck.state).toMatchObject({ slide: 0, step: 0 });
  });

  it('replaces the entry when another window moved the deck, so Back does not replay the presenter', () => {
    const browser = fakeBrowser('#/why-async/0');
    const deck = new Deck(slides);
    bindUrlSync(deck, browser.globals);
    deck.set({ slide: 2 }, 'remote');
    expect(browser.entries()).toEqual(['#/twisted/0']);
  });

  it('once unbound, neither follows Back nor writes the address', () => {
    const browser = fakeBrowser('#/why-async/0');
    const deck = new Deck(slides);
    const unbind = bindUrlSync(deck, browser.globals);
    deck.goTo(2);
    unbind();
    browser.back();
    expect(deck.state.slide).toBe(2);
    deck.goTo(3);
    expect(browser.location.hash).toBe('#/why-async/0');
  });
});
