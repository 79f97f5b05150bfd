import { describe, expect, it } from 'vitest';
import { Deck } from './deck.ts';
import type { SlideInfo } from './state.ts';
import { bindWindowSync } from './window-sync.ts';

const slides: SlideInfo[] = [
  { chapter: 'why-async', n: 0, title: 'Why async', steps: 0 },
  { chapter: 'why-async', n: 1, title: 'Intro', steps: 2 },
  { chapter: 'twisted', n: 0, title: 'Twisted', steps: 0 },
];

/**
 * BroadcastChannel between windows, as browsers run it: a message reaches every other open
 * channel of that name (not its sender), as a copy, later; a closed channel cannot post.
 * `deliver` is "later": it hands over everything posted so far, and what those messages made
 * windows post in turn.
 */
function channelBus() {
  const open = new Set<FakeChannel>();
  const queue: (() => void)[] = [];
  class FakeChannel {
    onmessage: ((event: MessageEvent) => void) | null = null;
    constructor(readonly name: string) {
      open.add(this);
    }
    postMessage(message: unknown) {
      if (!open.has(this)) throw new DOMException('Channel is closed', 'InvalidStateError');
      for (const other of open) {
        if (other === this || other.name !== this.name) continue;
        const data: unknown = structuredClone(message);
        queue.push(() => other.onmessage?.(new MessageEvent('message', { data })));
      }
    }
    close() {
      open.delete(this);
    }
  }
  const deliver = () => {
    // A bound on rounds turns an echo loop between windows into a failure instead of a hang.
    for (let round = 0; queue.length > 0; round++) {
      if (round > 100) throw new Error('the windows keep messaging each other');
      for (const message of queue.splice(0)) message();
    }
  };
  return { globals: { BroadcastChannel: FakeChannel }, deliver };
}

describe('bindWindowSync', () => {
  it('keeps two windows on the same slide, step and blackout, whichever one moves', () => {
    const bus = channelBus();
    const audience = new Deck(slides);
    const presenter = new Deck(slides);
    bindWindowSync(audience, 'deck', bus.globals);
    bindWindowSync(presenter, 'deck', bus.globals);
    bus.deliver();

    presenter.next();
    presenter.next();
    bus.deliver();
    expect(audience.state).toEqual({ slide: 1, step: 1, blackout: false });

    audience.toggleBlackout();
    bus.deliver();
    expect(presenter.state).toEqual({ slide: 1, step: 1, blackout: true });
  });

  it('brings a window that opens (or reloads) to where the talk is, without moving the talk', () => {
    const bus = channelBus();
    const presenter = new Deck(slides);
    bindWindowSync(presenter, 'deck', bus.globals);
    presenter.goTo(2);

    const audience = new Deck(slides);
    bindWindowSync(audience, 'deck', bus.globals);
    bus.deliver();
    expect(audience.state.slide).toBe(2);
    expect(presenter.state.slide).toBe(2);
  });

  it('stops following once unbound: its channel is closed', () => {
    const bus = channelBus();
    const audience = new Deck(slides);
    const presenter = new Deck(slides);
    const unbind = bindWindowSync(audience, 'deck', bus.globals);
    bindWindowSync(presenter, 'deck', bus.globals);
    bus.deliver();
    unbind();

    presenter.next();
    audience.goTo(2);
    bus.deliver();
    expect(audience.state.slide).toBe(2);
    expect(presenter.state.slide).toBe(1);
  });

  it('leaves a window on its own where the browser has no BroadcastChannel', () => {
    const deck = new Deck(slides);
    expect(() => bindWindowSync(deck, 'deck', {})()).not.toThrow();
  });
});
