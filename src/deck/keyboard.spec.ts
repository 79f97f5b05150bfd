import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deck } from './deck.ts';
import { FakeElement, FakeEvents } from './fake-dom.ts';
import { bindKeyboard, type ActionHandlers, type KeyPress } from './keyboard.ts';
import type { SlideInfo } from './state.ts';

const slides: SlideInfo[] = [
  { chapter: 'why-async', n: 0, title: 'Why async', steps: 0 },
  { chapter: 'why-async', n: 1, title: 'Intro', steps: 2 },
  { chapter: 'twisted', n: 0, title: 'Twisted', steps: 0 },
  { chapter: 'twisted', n: 1, title: 'Reactor', steps: 1 },
];

// The focus rule asks `target instanceof Element`; Node has no Element.
beforeEach(() => {
  vi.stubGlobal('Element', FakeElement);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A deck bound to a stand-in document, and a way to press keys on it. */
function setup(handlers: ActionHandlers = {}) {
  const deck = new Deck(slides);
  const document = new FakeEvents<KeyPress>();
  const home = new FakeElement(['[data-deck]']);
  const unbind = bindKeyboard(deck, handlers, home, { document });
  const press = (key: string, init: Partial<Omit<KeyPress, 'key' | 'preventDefault'>> = {}) => {
    const { defaultPrevented = false, ...rest } = init;
    let prevented = defaultPrevented;
    const event: KeyPress = {
      key,
      shiftKey: false,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      target: home,
      ...rest,
      get defaultPrevented() {
        return prevented;
      },
      preventDefault: () => {
        prevented = true;
      },
    };
    document.dispatch('keydown', event);
    return event;
  };
  return { deck, home, unbind, press };
}

const position = (deck: Deck) => `${deck.state.slide}.${deck.state.step}`;

describe('bindKeyboard', () => {
  it('moves the deck with the clicker and arrow keys, and keeps their default (no page scroll)', () => {
    const { deck, press } = setup();
    expect(press('ArrowRight').defaultPrevented).toBe(true);
    expect(position(deck)).toBe('1.0');
    press(' ');
    press('PageDown');
    expect(position(deck)).toBe('1.2');
    press(' ', { shiftKey: true });
    expect(position(deck)).toBe('1.1');
    press('End');
    expect(position(deck)).toBe('3.0');
    press('Home');
    expect(position(deck)).toBe('0.0');
    press('b');
    expect(deck.state.blackout).toBe(true);
  });

  it('hands the page’s own actions to the page, which can also replace a navigation key', () => {
    const overview = vi.fn();
    const { deck, press } = setup({ overview, next: () => deck.goTo(3) });
    press('o');
    expect(overview).toHaveBeenCalledOnce();
    press('ArrowRight');
    expect(position(deck)).toBe('3.0');
  });

  it('leaves keys with Ctrl, Cmd or Alt, and keys already handled, to whoever wants them', () => {
    const { deck, press } = setup();
    expect(press('ArrowRight', { ctrlKey: true }).defaultPrevented).toBe(false);
    press('ArrowRight', { metaKey: true });
    press('ArrowRight', { altKey: true });
    press('ArrowRight', { defaultPrevented: true });
    expect(position(deck)).toBe('0.0');
  });

  it('ignores keys typed in a field, an editor, a terminal or a region that owns its keys', () => {
    const { deck, press } = setup();
    const slide = new FakeElement(['[data-deck-slide]']);
    const editor = new FakeElement(['[contenteditable="true"]'], slide);
    const targets = [
      new FakeElement(['input'], slide),
      new FakeElement(['textarea'], slide),
      new FakeElement(['div'], editor), // a line inside CodeMirror
      new FakeElement(['div'], new FakeElement(['[data-deck-keys="own"]'], slide)),
    ];
    for (const target of targets) {
      for (const key of ['n', ' ', 'ArrowRight', 'b']) expect(press(key, { target }).defaultPrevented).toBe(false);
    }
    expect(deck.state).toEqual({ slide: 0, step: 0, blackout: false });
  });

  it('lets a button on a slide keep Space and Enter, but passes the clicker on to the deck', () => {
    const { deck, press } = setup();
    const run = new FakeElement(['button'], new FakeElement(['[data-deck-slide]']));
    press(' ', { target: run });
    press('Enter', { target: run });
    expect(position(deck)).toBe('0.0');
    press('PageDown', { target: run });
    expect(position(deck)).toBe('1.0');
  });

  it('gives the keys back to the deck on Esc in an editor, but leaves Esc to an open dialog', () => {
    const { deck, home, press } = setup();
    const editor = new FakeElement(['textarea']);
    editor.focus();
    press('Escape', { target: editor });
    expect(editor.focused).toBe(false);
    expect(home.focused).toBe(true);
    press('ArrowRight');
    expect(position(deck)).toBe('1.0');

    home.blur();
    const field = new FakeElement(['input'], new FakeElement(['dialog[open]']));
    field.focus();
    press('Escape', { target: field });
    expect(field.focused).toBe(true);
    expect(home.focused).toBe(false);
  });

  it('stops listening once unbound', () => {
    const { deck, press, unbind } = setup();
    unbind();
    expect(press('ArrowRight').defaultPrevented).toBe(false);
    expect(position(deck)).toBe('0.0');
  });
});
