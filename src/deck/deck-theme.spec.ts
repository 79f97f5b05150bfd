import { describe, expect, it } from 'vitest';
import { bindDeckTheme } from './deck-theme.ts';
import { FakeEvents } from './fake-dom.ts';

/** A theme radio of the help overlay; `choose` is a click on it. */
class FakeRadio extends FakeEvents<unknown> {
  checked = false;
  constructor(readonly value: string) {
    super();
  }
  choose() {
    this.checked = true;
    this.dispatch('change', {});
  }
}

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value) };
}

/** A page: its theme radios, and the theme its root element carries (what the CSS follows). */
function page() {
  const radios = ['dark', 'light', 'contrast'].map((value) => new FakeRadio(value));
  const document = { documentElement: { dataset: {} as DOMStringMap } };
  return {
    radios,
    document,
    shown: () => ({
      theme: document.documentElement.dataset['deckTheme'],
      checked: radios.filter((radio) => radio.checked).map((radio) => radio.value),
    }),
  };
}

describe('bindDeckTheme', () => {
  it('starts dark, and the t key cycles light, high contrast, dark with the radios following', () => {
    const { radios, document, shown } = page();
    const theme = bindDeckTheme(radios, { localStorage: memoryStorage(), document });
    expect(shown()).toEqual({ theme: 'dark', checked: ['dark'] });
    theme.cycle();
    expect(shown()).toEqual({ theme: 'light', checked: ['light'] });
    theme.cycle();
    expect(shown()).toEqual({ theme: 'contrast', checked: ['contrast'] });
    theme.cycle();
    expect(shown()).toEqual({ theme: 'dark', checked: ['dark'] });
  });

  it('remembers a theme chosen with a radio for the next visit', () => {
    const localStorage = memoryStorage();
    const first = page();
    bindDeckTheme(first.radios, { localStorage, document: first.document });
    first.radios[2]!.choose();
    expect(first.shown()).toEqual({ theme: 'contrast', checked: ['contrast'] });

    const next = page();
    bindDeckTheme(next.radios, { localStorage, document: next.document });
    expect(next.shown()).toEqual({ theme: 'contrast', checked: ['contrast'] });
  });

  it('starts dark when the stored theme is not one it knows', () => {
    const localStorage = memoryStorage();
    localStorage.setItem('async-talk:deck-theme', 'neon');
    const { radios, document, shown } = page();
    bindDeckTheme(radios, { localStorage, document });
    expect(shown()).toEqual({ theme: 'dark', checked: ['dark'] });
  });

  it('still applies and cycles every theme where storage is blocked', () => {
    const { radios, document, shown } = page();
    const blocked = {
      document,
      get localStorage(): Storage {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    const theme = bindDeckTheme(radios, blocked);
    expect(shown().theme).toBe('dark');
    theme.cycle();
    theme.cycle();
    expect(shown()).toEqual({ theme: 'contrast', checked: ['contrast'] });
  });
});
