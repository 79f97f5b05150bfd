import { initialState, sameState, type DeckState, type SlideInfo } from './state.ts';

/** Who asked for a change: lets controllers skip echoing their own changes back. */
export type ChangeSource = 'local' | 'url' | 'remote';
export type DeckListener = (state: DeckState, previous: DeckState, source: ChangeSource) => void;

/**
 * The deck's state machine: positions, steps and blackout over a fixed list of slides. It knows
 * nothing of the DOM; controllers drive it and views follow it.
 */
export class Deck {
  #state: DeckState = initialState;
  readonly #listeners = new Set<DeckListener>();

  constructor(readonly slides: readonly SlideInfo[]) {}

  get state(): DeckState {
    return this.#state;
  }

  get current(): SlideInfo | undefined {
    return this.slides[this.#state.slide];
  }

  subscribe(listener: DeckListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Moves to a position, clamped to the deck; notifies only on a real change. */
  set(next: Partial<DeckState>, source: ChangeSource = 'local'): void {
    const last = this.slides.length - 1;
    // A position that is not a whole number (NaN, 1.5) names no slide: it leaves the deck where it is.
    const whole = (value: number | undefined) => (Number.isSafeInteger(value) ? value : undefined);
    const slide = Math.max(0, Math.min(last, whole(next.slide) ?? this.#state.slide));
    const steps = this.slides[slide]?.steps ?? 0;
    const step = Math.max(0, Math.min(steps, whole(next.step) ?? (slide === this.#state.slide ? this.#state.step : 0)));
    const state: DeckState = { slide, step, blackout: next.blackout ?? this.#state.blackout };
    if (sameState(state, this.#state)) return;
    const previous = this.#state;
    this.#state = state;
    for (const listener of this.#listeners) listener(state, previous, source);
  }

  /** The next step, or the next slide once every step is shown. */
  next(): void {
    const { slide, step } = this.#state;
    if (step < (this.current?.steps ?? 0)) this.set({ step: step + 1 });
    else if (slide < this.slides.length - 1) this.set({ slide: slide + 1, step: 0 });
  }

  /** The previous step, or the previous slide fully revealed, as it was left. */
  previous(): void {
    const { slide, step } = this.#state;
    if (step > 0) this.set({ step: step - 1 });
    else if (slide > 0) this.set({ slide: slide - 1, step: this.slides[slide - 1]!.steps });
  }

  first(): void {
    this.set({ slide: 0, step: 0 });
  }

  last(): void {
    this.set({ slide: this.slides.length - 1, step: 0 });
  }

  goTo(slide: number): void {
    this.set({ slide, step: 0 });
  }

  toggleBlackout(): void {
    this.set({ blackout: !this.#state.blackout });
  }
}
