import codeMorphUrl from 'virtual:code-morph-url';
import type { Deck } from './deck.ts';

/**
 * Starts the code-morph animation (code-morph.ts, with Shiki Magic Move's renderer) only when a
 * slide that has one is current or next to the current one, so a deck before one is near loads
 * none of it. A module <script>, not import(): see src/build/vite-workbench-url.ts. Until it runs,
 * and if it fails to load (offline before it was cached), the steps are cuts; a later slide
 * change near a morph tries again.
 */
export function bindCodeMorphs(deck: Deck, slides: readonly HTMLElement[]): void {
  const withMorphs = slides.filter((slide) => slide.querySelector('[data-morph]'));
  if (withMorphs.length === 0) return;
  let loading = false;
  const near = () => {
    if (loading || !withMorphs.some((slide) => Math.abs(slides.indexOf(slide) - deck.state.slide) <= 1)) return;
    loading = true;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = codeMorphUrl;
    script.onload = () => unsubscribe();
    script.onerror = () => {
      script.remove();
      loading = false;
    };
    document.head.append(script);
  };
  const unsubscribe = deck.subscribe(near);
  near();
}
