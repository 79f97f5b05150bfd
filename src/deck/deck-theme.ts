/** Deck themes: dark suits most rooms, light a bright one, high contrast a washed-out projector. */
const THEMES = ['dark', 'light', 'contrast'] as const;
type DeckTheme = (typeof THEMES)[number];
const KEY = 'async-talk:deck-theme';

function stored(): DeckTheme {
  try {
    const value = localStorage.getItem(KEY);
    return (THEMES as readonly string[]).includes(value ?? '') ? (value as DeckTheme) : 'dark';
  } catch {
    return 'dark';
  }
}

export function bindDeckTheme(radios: readonly HTMLInputElement[]): { cycle: () => void } {
  const apply = (theme: DeckTheme) => {
    document.documentElement.dataset['deckTheme'] = theme;
    for (const radio of radios) radio.checked = radio.value === theme;
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // Without storage the theme lasts for this page only.
    }
  };
  apply(stored());
  for (const radio of radios) radio.addEventListener('change', () => apply(radio.value as DeckTheme));
  return {
    cycle: () => apply(THEMES[(THEMES.indexOf(stored()) + 1) % THEMES.length]!),
  };
}
