import { readProgress, trackReadingPosition } from './reading-progress.ts';
import { bindThemeToggle } from './theme.ts';

/**
 * Every interactive part of a book page, defined in one module: one request and one gzip
 * stream instead of one per component keeps a chapter's JS well inside its 2 KB budget.
 */
customElements.define(
  'theme-toggle',
  class extends HTMLElement {
    unbind?: () => void;
    connectedCallback() {
      this.unbind = bindThemeToggle(this.querySelector('button')!);
    }
    // Gone in a client-side page move: nothing may keep the old page alive.
    disconnectedCallback() {
      this.unbind?.();
    }
  },
);

customElements.define(
  'reading-position',
  class extends HTMLElement {
    stop?: () => void;
    connectedCallback() {
      this.stop = trackReadingPosition(this.dataset['chapter']!);
    }
    // Gone in a client-side page move: the next chapter's scrolling is not this one's progress.
    disconnectedCallback() {
      this.stop?.();
    }
  },
);

customElements.define(
  'chapter-progress',
  class extends HTMLElement {
    connectedCallback() {
      const progress = readProgress(this.dataset['chapter']!);
      if (progress > 0.01) this.textContent = progress >= 0.99 ? 'Read' : `${Math.round(progress * 100)}% read`;
    }
  },
);
