/** Where the talk should be by now, from each chapter's `minutes`. */
export interface PacingInput {
  /** Planned minutes per chapter, in order. */
  minutes: readonly number[];
  /** Index of the chapter on screen. */
  chapter: number;
  /** How far through that chapter's slides the speaker is, 0 to 1. */
  withinChapter: number;
  elapsedMs: number;
}

export interface Pacing {
  plannedMs: number;
  /** Positive: behind plan by this much; negative: ahead. */
  behindMs: number;
  totalMs: number;
}

const MINUTE = 60_000;

export function pacing({ minutes, chapter, withinChapter, elapsedMs }: PacingInput): Pacing {
  const before = minutes.slice(0, chapter).reduce((sum, value) => sum + value, 0);
  const plannedMs = (before + (minutes[chapter] ?? 0) * withinChapter) * MINUTE;
  const totalMs = minutes.reduce((sum, value) => sum + value, 0) * MINUTE;
  return { plannedMs, behindMs: elapsedMs - plannedMs, totalMs };
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const hours = Math.floor(seconds / 3600);
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(hours > 0 ? 2 : 1, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "On time" within half a minute; otherwise how far ahead or behind. */
export function describePacing(behindMs: number): string {
  if (Math.abs(behindMs) < 30_000) return 'On time';
  return `${formatDuration(behindMs)} ${behindMs > 0 ? 'behind' : 'ahead'}`;
}
