// Small things said the same way everywhere: an error's message, a duration in seconds.

/** What went wrong, in the error's own words (a thrown non-Error is shown as it is). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Milliseconds as seconds to a tenth: 1500 → "1.5 s". */
export const formatSeconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
