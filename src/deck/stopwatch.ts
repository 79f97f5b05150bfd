const KEY = STORAGE_KEYS.presenterTimer;

interface Saved {
  /** Time accumulated before the current run. */
  accumulatedMs: number;
  /** Date.now() when the current run started, or null while paused. */
  startedAt: number | null;
}

/** The talk's elapsed time. Kept in storage, so reloading the presenter view loses nothing. */
export class Stopwatch {
  #saved: Saved;

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'>,
    private readonly now: () => number = Date.now,
  ) {
    let saved: Saved = { accumulatedMs: 0, startedAt: null };
    try {
      const parsed = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Record<keyof Saved, unknown>> | null;
      // A value that is not a time (edited, or written by something else) starts from zero.
      const { accumulatedMs, startedAt } = parsed ?? {};
      const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
      if (isTime(accumulatedMs) && (startedAt === null || isTime(startedAt))) saved = { accumulatedMs, startedAt };
    } catch {
      // Unreadable or unavailable storage: start from zero too.
    }
    this.#saved = saved;
  }

  get running(): boolean {
    return this.#saved.startedAt !== null;
  }

  elapsed(): number {
    const { accumulatedMs, startedAt } = this.#saved;
    return accumulatedMs + (startedAt === null ? 0 : this.now() - startedAt);
  }

  toggle(): void {
    this.#save(
      this.running ? { accumulatedMs: this.elapsed(), startedAt: null } : { accumulatedMs: this.#saved.accumulatedMs, startedAt: this.now() },
    );
  }

  reset(): void {
    this.#save({ accumulatedMs: 0, startedAt: null });
  }

  #save(saved: Saved): void {
    this.#saved = saved;
    try {
      this.storage.setItem(KEY, JSON.stringify(saved));
    } catch {
      // Without storage the timer still runs; it just does not survive a reload.
    }
  }
}
