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

  it('ignores every message that is not a deck message, and keeps moving', () => {
    const bus = channelBus();
    const audience = new Deck(slides);
    bindWindowSync(audience, 'deck', bus.globals);
    audience.goTo(1);
    // What any page of the site, or demo code, could post on the channel.
    const stranger = new bus.globals.BroadcastChannel('deck');
    for (const forged of [
      { kind: 'state', from: 'x', state: { slide: 'abc', step: 0, blackout: false } },
      { kind: 'state', from: 'x', state: { slide: 1.5, step: 0, blackout: false } },
      { kind: 'state', from: 'x', state: { slide: -1, step: 0, blackout: false } },
      { kind: 'state', from: 'x', state: { slide: 2, step: 0, blackout: 'yes' } },
      { kind: 'state', from: 'x', state: null },
      { kind: 'state', from: 'x'.repeat(1000), state: { slide: 2, step: 0, blackout: false } },
      { kind: 'state', state: { slide: 2, step: 0, blackout: false } },
      { slide: 'abc' },
      'hello',
      null,
    ]) {
      stranger.postMessage(forged);
    }
    bus.deliver();
    expect(audience.state).toEqual({ slide: 1, step: 0, blackout: false });
    audience.next();
    expect(audience.state).toEqual({ slide: 1, step: 1, blackout: false });
  });

  it('clamps a well-formed position past the end to the last slide', () => {
    const bus = channelBus();
    const audience = new Deck(slides);
    bindWindowSync(audience, 'deck', bus.globals);
    new bus.globals.BroadcastChannel('deck').postMessage({ kind: 'state', from: 'x', state: { slide: 99, step: 99, blackout: false } });
    bus.deliver();
    expect(audience.state).toEqual({ slide: 2, step: 0, blackout: false });
  });

  it('agrees again on the window the speaker turns to, after a forged message split them', () => {
    const bus = channelBus();
    const presenterWindow = new EventTarget();
    const presenterDocument = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    const audience = new Deck(slides);
    const presenter = new Deck(slides);
    const sentFrom: string[] = [];
    // The presenter's channel, spied on for its id, which a forger reuses.
    class SpiedChannel extends bus.globals.BroadcastChannel {
      override postMessage(message: unknown) {
        sentFrom.push((message as { from: string }).from);
        super.postMessage(message);
      }
    }
    bindWindowSync(audience, 'deck', bus.globals);
    bindWindowSync(presenter, 'deck', {
      BroadcastChannel: SpiedChannel,
      addEventListener: (type, listener) => presenterWindow.addEventListener(type, listener),
      removeEventListener: (type, listener) => presenterWindow.removeEventListener(type, listener),
      document: presenterDocument as unknown as Document,
    });
    bus.deliver();
    presenter.goTo(1);
    bus.deliver();

    // Sent with the presenter's id, it moves the audience and the presenter ignores it as its own.
    new bus.globals.BroadcastChannel('deck').postMessage({ kind: 'state', from: sentFrom[0], state: { slide: 2, step: 0, blackout: true } });
    bus.deliver();
    expect(audience.state.slide).toBe(2);
    expect(presenter.state.slide).toBe(1);

    presenterWindow.dispatchEvent(new Event('focus'));
    bus.deliver();
    expect(audience.state).toEqual(presenter.state);

    new bus.globals.BroadcastChannel('deck').postMessage({ kind: 'state', from: sentFrom[0], state: { slide: 0, step: 0, blackout: false } });
    bus.deliver();
    presenterDocument.dispatchEvent(new Event('visibilitychange'));
    bus.deliver();
    expect(audience.state).toEqual(presenter.state);
  });
});
