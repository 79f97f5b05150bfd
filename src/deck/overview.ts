import type { Deck } from './deck.ts';

/**
 * The overview: every slide as a tile in rows (the slides themselves, shrunk: their type is in
 * container units). Arrow keys move between tiles, Enter or a click jumps, Esc or O closes.
 */
export class Overview {
  #open = false;

  constructor(
    private readonly deck: Deck,
    private readonly root: HTMLElement,
    private readonly slides: readonly HTMLElement[],
  ) {}

  get isOpen(): boolean {
    return this.#open;
  }

  toggle(): void {
    if (this.#open) this.close();
    else this.open();
  }

  open(): void {
    this.#open = true;
    this.root.toggleAttribute('data-overview', true);
    this.slides.forEach((slide, index) => {
      slide.hidden = false;
      slide.tabIndex = index === this.deck.state.slide ? 0 : -1;
      slide.dataset['label'] ??= slide.getAttribute('aria-label') ?? '';
      slide.setAttribute('role', 'button');
      slide.setAttribute('aria-label', `Slide ${index + 1}: ${slide.dataset['title'] ?? ''}`);
      slide.firstElementChild?.toggleAttribute('inert', true);
      slide.addEventListener('click', this.#onClick);
      slide.addEventListener('keydown', this.#onKey);
    });
    const current = this.slides[this.deck.state.slide];
    current?.focus();
    current?.scrollIntoView({ block: 'center' });
  }

  close(jumpTo?: number): void {
    this.#open = false;
    this.root.removeAttribute('data-overview');
    this.slides.forEach((slide) => {
      slide.removeAttribute('tabindex');
      slide.setAttribute('role', 'group');
      slide.setAttribute('aria-label', slide.dataset['label'] ?? '');
      slide.firstElementChild?.removeAttribute('inert');
      slide.removeEventListener('click', this.#onClick);
      slide.removeEventListener('keydown', this.#onKey);
    });
    if (jumpTo !== undefined) this.deck.goTo(jumpTo);
    this.slides.forEach((slide, index) => {
      slide.hidden = index !== this.deck.state.slide;
    });
    this.root.focus();
  }

  #onClick = (event: Event) => this.close(this.slides.indexOf(event.currentTarget as HTMLElement));

  /** Tiles per row: those on the first tile's line (the tiles wrap in a flex box). */
  #columns(): number {
    const top = this.slides[0]?.offsetTop;
    const index = this.slides.findIndex((slide) => slide.offsetTop !== top);
    return index > 0 ? index : this.slides.length || 1;
  }

  #onKey = (event: KeyboardEvent) => {
    const index = this.slides.indexOf(event.currentTarget as HTMLElement);
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: this.#columns(),
      ArrowUp: -this.#columns(),
      Home: -index,
      End: this.slides.length - 1 - index,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.close(index);
    } else if (event.key === 'Escape' || event.key === 'o') {
      event.preventDefault();
      this.close();
    } else if (event.key in moves) {
      event.preventDefault();
      const target = this.slides[Math.max(0, Math.min(this.slides.length - 1, index + moves[event.key]!))]!;
      (event.currentTarget as HTMLElement).tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
    }
    // Every other key stops here: the deck does not navigate behind the overview.
    event.stopPropagation();
  };
}
