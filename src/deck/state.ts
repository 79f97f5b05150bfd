/**
 * The one piece of state the deck, the presenter view and every audience window share.
 * The URL is its source of truth in each window; BroadcastChannel carries it between windows.
 */
export interface DeckState {
  /** 0-based index into every slide of the deck, chapter title slides included. */
  slide: number;
  /** How many steps of that slide are revealed. */
  step: number;
  /** The screen is blacked out (the `b` key). */
  blackout: boolean;
}

/** What the deck needs to know about each slide; read from the rendered markup. */
export interface SlideInfo {
  /** Chapter slug. */
  chapter: string;
  /** Position within the chapter: 0 is its title slide. */
  n: number;
  title: string;
  /** How many clicks it takes to reveal the whole slide. */
  steps: number;
  /** On a chapter's title slide: the minutes the talk plans for the chapter. */
  minutes?: number;
}

export const initialState: DeckState = { slide: 0, step: 0, blackout: false };

export function sameState(a: DeckState, b: DeckState): boolean {
  return a.slide === b.slide && a.step === b.step && a.blackout === b.blackout;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * A deck state from outside this window (another window's message), or undefined when it is not
 * one: whole, non-negative positions and a boolean blackout. Anything can post on the site's
 * channels, demo code included; the deck then clamps what passes to its own slides.
 */
export function parseDeckState(value: unknown): DeckState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { slide, step, blackout } = value as Record<string, unknown>;
  if (!isCount(slide) || !isCount(step) || typeof blackout !== 'boolean') return undefined;
  return { slide, step, blackout };
}
