type Theme = 'light' | 'dark';

function shownTheme(): Theme {
  const chosen = document.documentElement.dataset['theme'];
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * A toggle button: aria-pressed says whether the dark theme is on. Returns how to unbind it: the
 * media query outlives a client-side page move, and its listener would keep the old page alive.
 */
export function bindThemeToggle(button: HTMLButtonElement): () => void {
  const render = () => button.setAttribute('aria-pressed', String(shownTheme() === 'dark'));
  render();
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', render);
  button.addEventListener('click', () => {
    const next: Theme = shownTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset['theme'] = next;
    try {
      localStorage.setItem(STORAGE_KEYS.theme, next);
    } catch {
      // Storage can be off (private mode); the choice then lasts for this page only.
    }
    render();
  });
  return () => scheme.removeEventListener('change', render);
}
