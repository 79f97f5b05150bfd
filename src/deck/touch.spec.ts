import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deck } from './deck.ts';
import { FakeElement, FakeEvents } from './fake-dom.ts';
import type { SlideInfo } from './state.ts';
import { bindTouch, type PointerPress } from './touch.ts';

const slides: SlideInfo[] = [
  { chapter: 'why-async', n: 0, title: 'Why async', steps: 0 },
  { chapter: 'why-async', n: 1, title: 'Intro', steps: 1 },
  { chapter: 'twisted', n: 0, title: 'Twisted', steps: 0 },
];

// The focus rule asks `target instanceof Element`; Node has no Element.
beforeEach(() => {
  vi.stubGlobal('Element', FakeElement);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup() {
  const deck = new Deck(slides);
  const surface = new FakeEvents<PointerPress>();
  const slide = new FakeElement(['[data-deck-slide]']);
  const unbind = bindTouch(deck, surface);
  /** A drag from (x, y) by (dx, dy), by a finger unless told otherwise. */
  const drag = (dx: number, dy = 0, { pointerType = 'touch', target = slide as EventTarget } = {}) => {
    surface.dispatch('pointerdown', { pointerType, clientX: 200, clientY: 300, target });
    surface.dispatch('pointerup', { pointerType, clientX: 200 + dx, clientY: 300 + dy, target });
  };
  return { deck, slide, drag, unbind };
}

const position = (deck: Deck) => `${deck.state.slide}.${deck.state.step}`;

describe('bindTouch', () => {
  it('moves on with a swipe to the left and back with a swipe to the right', () => {
    const { deck, drag } = setup();
    drag(-120);
    drag(-80, 20);
    expect(position(deck)).toBe('1.1');
    drag(120);
    expect(position(deck)).toBe('1.0');
  });

  it('ignores taps, vertical scrolls and mouse drags', () => {
    const { deck, drag } = setup();
    drag(-30);
    drag(-60, 200);
    drag(-120, 0, { pointerType: 'mouse' });
    expect(position(deck)).toBe('0.0');
  });

  it('ignores a swipe that starts in an editor, where a finger selects code', () => {
    const { deck, slide, drag } = setup();
    drag(-120, 0, { target: new FakeElement(['div'], new FakeElement(['[contenteditable="true"]'], slide)) });
    expect(position(deck)).toBe('0.0');
  });

  it('stops following swipes once unbound', () => {
    const { deck, drag, unbind } = setup();
    unbind();
    drag(-120);
    expect(position(deck)).toBe('0.0');
  });
});
