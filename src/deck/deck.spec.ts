import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress } from './address.ts';
import { Deck, type ChangeSource } from './deck.ts';
import { describePacing, formatDuration, pacing } from './pacing.ts';
import type { SlideInfo } from './state.ts';

const slides: SlideInfo[] = [
  { chapter: 'why-async', n: 0, title: 'Why async', steps: 0 },
  { chapter: 'why-async', n: 1, title: 'Intro', steps: 2 },
  { chapter: 'twisted', n: 0, title: 'Twisted', steps: 0 },
  { chapter: 'twisted', n: 1, title: 'Reactor', steps: 1 },
];

describe('Deck', () => {
  it('steps through every step before moving to the next slide, and back', () => {
    const deck = new Deck(slides);
    const seen: string[] = [];
    deck.subscribe((state) => seen.push(`${state.slide}.${state.step}`));
    for (let click = 0; click < 6; click++) deck.next();
    expect(seen).toEqual(['1.0', '1.1', '1.2', '2.0', '3.0', '3.1']);
    deck.next(); // at the very end: nothing happens
    expect(seen).toHaveLength(6);
    deck.previous();
    deck.previous();
    deck.previous();
    // Going back onto a slide shows it as it was left: fully revealed.
    expect(seen.slice(6)).toEqual(['3.0', '2.0', '1.2']);
  });

  it('clamps positions and tells listeners who made the change', () => {
    const deck = new Deck(slides);
    const sources: ChangeSource[] = [];
    deck.subscribe((_state, _previous, source) => sources.push(source));
    deck.set({ slide: 99, step: 99 }, 'remote');
    expect(deck.state).toEqual({ slide: 3, step: 1, blackout: false });
    deck.first();
    deck.toggleBlackout();
    expect(deck.state.blackout).toBe(true);
    deck.set({ slide: 0, step: 0, blackout: true }, 'url'); // no change, no notification
    expect(sources).toEqual(['remote', 'local', 'local']);
  });
});

describe('deck addresses', () => {
  it('round-trips chapter, slide and step', () => {
    expect(formatAddress(slides, 1, 2)).toBe('#/why-async/1/2');
    expect(formatAddress(slides, 2, 0)).toBe('#/twisted/0');
    expect(parseAddress(slides, '#/why-async/1/2')).toEqual({ slide: 1, step: 2 });
    expect(parseAddress(slides, '#/twisted')).toEqual({ slide: 2, step: 0 });
  });

  it('clamps steps, falls back to the chapter, and ignores what it cannot read', () => {
    expect(parseAddress(slides, '#/twisted/1/9')).toEqual({ slide: 3, step: 1 });
    expect(parseAddress(slides, '#/twisted/42')).toEqual({ slide: 2, step: 0 });
    expect(parseAddress(slides, '#/nope/1')).toBeUndefined();
    expect(parseAddress(slides, '#sources')).toBeUndefined();
  });
});

describe('pacing', () => {
  it('plans by the minutes of the chapters before and the share of this one', () => {
    const result = pacing({ minutes: [6, 10, 4], chapter: 1, withinChapter: 0.5, elapsedMs: 13 * 60_000 });
    expect(result.plannedMs).toBe(11 * 60_000);
    expect(result.behindMs).toBe(2 * 60_000);
    expect(result.totalMs).toBe(20 * 60_000);
    expect(describePacing(result.behindMs)).toBe('2:00 behind');
    expect(describePacing(-75_000)).toBe('1:15 ahead');
    expect(describePacing(10_000)).toBe('On time');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});
