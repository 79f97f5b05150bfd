// The timeline's time axis, as plain numbers: how far the axis reaches and where its ticks go.
// The axis end grows in a few round steps while a run's events arrive, so the drawing is laid
// out again only when it jumps (a handful of times per run), not on every event.

const AXIS_STEPS = [1, 1.5, 2, 3, 4, 5, 6, 8, 10];
const TICK_STEPS = [1, 2, 5, 10];

/** The smallest round number (1, 1.5, 2, 3, 4, 5, 6 or 8 times a power of ten) ≥ ms; 1 for nothing. */
export function axisEnd(ms: number): number {
  if (!(ms > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(ms));
  const step = AXIS_STEPS.find((s) => s * power >= ms * (1 - 1e-12))!;
  return Number((step * power).toPrecision(12));
}

/** Round tick positions from `from` to `to` (inclusive where they land), at most about `maxTicks` of them. */
export function axisTicks(from: number, to: number, maxTicks: number): number[] {
  const range = to - from;
  if (!(range > 0)) return [from];
  const rough = range / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = TICK_STEPS.map((s) => s * power).find((s) => s >= rough * (1 - 1e-12))!;
  const ticks: number[] = [];
  for (let tick = Math.ceil(from / step) * step; tick <= to + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}
