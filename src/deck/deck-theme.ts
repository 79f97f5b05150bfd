/** Deck themes: dark suits most rooms, light a bright one, high contrast a washed-out projector. */
const THEMES = ['dark', 'light', 'contrast'] as const;
type DeckTheme = (typeof THEMES)[number];
const KEY = STORAGE_KEYS.deckTheme;

/** A theme radio of the help overlay, or a stand-in in a test. */
export interface ThemeRadio {
  value: string;
  checked: boolean;
  addEventListener(type: 'change', listener: () => void): void;
}

/** The browser parts the theme reads. The page passes nothing (the real ones); a test, stand-ins. */
export interface DeckThemeGlobals {
  localStorage: Pick<Storage, 'getItem' | 'setItem'>;
  document: { documentElement: Pick<HTMLElement, 'dataset'> };
}

/**
 * Applies the stored theme, follows the radios, and gives the `t` key its cycle. `globals` is
 * read where it is used, not unpacked up front: where storage is blocked, merely reading
 * `localStorage` throws, and that must land in the try blocks below.
 */
export function bindDeckTheme(radios: readonly ThemeRadio[], globals: DeckThemeGlobals = globalThis): { cycle: () => void } {
  const stored = (): DeckTheme => {
    try {
      const value = globals.localStorage.getItem(KEY);
      return (THEMES as readonly string[]).includes(value ?? '') ? (value as DeckTheme) : 'dark';
    } catch {
      return 'dark';
    }
  };
  // The cycle starts from the theme on screen, not the stored one: without storage they differ.
  let current = stored();
  const apply = (theme: DeckTheme) => {
    current = theme;
    globals.document.documentElement.dataset['deckTheme'] = theme;
    for (const radio of radios) radio.checked = radio.value === theme;
    try {
      globals.localStorage.setItem(KEY, theme);
    } catch {
      // Without storage the theme lasts for this page only.
    }
  };
  apply(current);
  for (const radio of radios) radio.addEventListener('change', () => apply(radio.value as DeckTheme));
  return {
    cycle: () => apply(THEMES[(THEMES.indexOf(current) + 1) % THEMES.length]!),
  };
}
