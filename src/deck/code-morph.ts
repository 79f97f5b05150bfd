import { MagicMoveRenderer } from '@shikijs/magic-move/renderer';
import type { KeyedTokensInfo } from '@shikijs/magic-move/types';

/**
 * Animates a <CodeMorph> on its slide: the tokens were computed at build time (in the
 * `data-morph-tokens` script), the steps are the deck's (slide-dom.ts sets `data-morph-step`),
 * and this only renders the change, token by token. With reduced motion it cuts instead. Until it
 * has run, or if it cannot, the slide shows the static version of the step: a cut. Its stylesheet
 * comes with the deck's (DeckLayout.astro): imported here, it would make this a chunk with a CSS
 * dependency, whose loading code Vite would put in the deck's first script.
 */
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

// Started by a module <script> (code-morph-loader.ts) when a slide with moving code comes near;
// it animates every morph of the page, each once.
document.querySelectorAll<HTMLElement>('[data-morph]').forEach(animateCodeMorph);

function animateCodeMorph(morph: HTMLElement): void {
  const source = morph.querySelector('script[data-morph-tokens]');
  const firstCode = morph.querySelector<HTMLElement>('.code-morph-version pre');
  if (!source?.textContent || !firstCode || morph.hasAttribute('data-morph-animated')) return;
  const steps = JSON.parse(source.textContent) as KeyedTokensInfo[];
  const stage = document.createElement('pre');
  // The static blocks' look (Shiki's palette variables and the site's code styles).
  stage.className = `${firstCode.className} code-morph-stage`;
  stage.setAttribute('style', firstCode.getAttribute('style') ?? '');
  stage.tabIndex = 0;
  morph.querySelector('.code-morph-versions')!.after(stage);
  const renderer = new MagicMoveRenderer(stage, { containerStyle: false, duration: 600, stagger: 2 });
  let shown = Number(morph.dataset['morphStep'] ?? 0);
  renderer.replace(steps[shown]!);
  morph.toggleAttribute('data-morph-animated', true);
  new MutationObserver(() => {
    const next = Number(morph.dataset['morphStep'] ?? 0);
    const step = steps[next];
    if (next === shown || !step) return;
    // A step back, or reduced motion, is a cut; forward moves.
    if (reducedMotion.matches || next < shown) renderer.replace(step);
    else void renderer.render(step);
    shown = next;
  }).observe(morph, { attributes: true, attributeFilter: ['data-morph-step'] });
}
