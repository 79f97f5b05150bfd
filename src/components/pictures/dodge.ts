/**
 * Positions for labels wanted at `values`, moved apart so that no two are closer than `gap`
 * (same units), kept within [low, high] where there is room, in the order the values have.
 * For labels at the ends of a chart's lines, which may end close together.
 */
export function dodge(values: readonly number[], gap: number, low: number, high: number): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const placed = order.map(({ value }) => Math.min(Math.max(value, low), high));
  for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i]!, placed[i - 1]! + gap);
  const over = placed.at(-1)! - high;
  if (over > 0) for (let i = placed.length - 1; i >= 0; i--) placed[i] = Math.max(low, placed[i]! - over);
  for (let i = placed.length - 2; i >= 0; i--) placed[i] = Math.min(placed[i]!, placed[i + 1]! - gap);
  const result = new Array<number>(values.length);
  order.forEach(({ index }, rank) => (result[index] = placed[rank]!));
  return result;
}
