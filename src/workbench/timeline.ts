// The timeline's model: trace events grouped into lanes (one per task), and the summary a reader
// should take away from them, computed from the data alone so it holds for any demo's lanes.
// No DOM here: timeline-view.ts draws it.
import type { TraceEvent, TraceState } from './trace-event.ts';

export interface Lane {
  name: string;
  /** In the order they arrived. */
  spans: TraceEvent[];
  /** The earliest `from` of its spans: lanes are shown in the order their tasks started. */
  start: number;
  /** Milliseconds spent in each state, summed over its spans. */
  totals: Record<TraceState, number>;
  longestBlocked: TraceEvent | undefined;
}

export interface Timeline {
  add(event: TraceEvent): void;
  /** Lanes in the order their tasks started (ties by name, with numbers in numeric order). */
  lanes(): Lane[];
  spanCount(): number;
  /** The time range the spans cover; [0, 0] while empty. Starts at 0 unless a span starts before. */
  extent(): [number, number];
}

const byName = new Intl.Collator('en', { numeric: true }).compare;

export function createTimeline(): Timeline {
  const lanes = new Map<string, Lane>();
  let count = 0;
  let min = 0;
  let max = 0;
  return {
    add(event) {
      let lane = lanes.get(event.lane);
      if (!lane) {
        lane = { name: event.lane, spans: [], start: event.from, totals: { running: 0, waiting: 0, blocked: 0 }, longestBlocked: undefined };
        lanes.set(event.lane, lane);
      }
      lane.spans.push(event);
      lane.start = Math.min(lane.start, event.from);
      lane.totals[event.state] += event.to - event.from;
      if (event.state === 'blocked' && (!lane.longestBlocked || length(event) > length(lane.longestBlocked))) lane.longestBlocked = event;
      count += 1;
      min = Math.min(min, event.from);
      max = Math.max(max, event.to);
    },
    lanes: () => [...lanes.values()].sort((a, b) => a.start - b.start || byName(a.name, b.name)),
    spanCount: () => count,
    extent: () => [min, max],
  };
}

const length = (span: TraceEvent) => span.to - span.from;
const overlap = (a: TraceEvent, b: TraceEvent) => Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from));

/** The running span that the most blocked time of other lanes fell inside: who held the others up. */
export interface Culprit {
  span: TraceEvent;
  /** Per other lane blocked during it: how long, in ms. */
  blockedLanes: Map<string, number>;
}

export function findCulprit(lanes: readonly Lane[]): Culprit | undefined {
  const blocked = lanes.flatMap((lane) => lane.spans.filter((span) => span.state === 'blocked'));
  if (blocked.length === 0) return undefined;
  let best: Culprit | undefined;
  let bestTotal = 0;
  for (const lane of lanes) {
    for (const span of lane.spans) {
      if (span.state !== 'running') continue;
      const blockedLanes = new Map<string, number>();
      let total = 0;
      for (const other of blocked) {
        if (other.lane === lane.name) continue;
        const ms = overlap(span, other);
        if (ms <= 0) continue;
        blockedLanes.set(other.lane, (blockedLanes.get(other.lane) ?? 0) + ms);
        total += ms;
      }
      if (total > bestTotal) {
        best = { span, blockedLanes };
        bestTotal = total;
      }
    }
  }
  return best;
}

/** Milliseconds as a reader wants them: whole above 10, one decimal below. */
export function formatMs(ms: number): string {
  return `${ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10} ms`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export interface LaneRow {
  name: string;
  totals: Record<TraceState, number>;
  longestBlocked: number;
}

export interface TimelineSummary {
  /** What to take away, in a few sentences. */
  sentences: string[];
  /** Per lane, for a table. */
  rows: LaneRow[];
}

export function summarize(timeline: Timeline): TimelineSummary {
  const lanes = timeline.lanes();
  const [from, to] = timeline.extent();
  const sentences = [`${plural(lanes.length, 'task', 'tasks')} traced over ${formatMs(to - from)}.`];
  const culprit = findCulprit(lanes);
  if (culprit) {
    const { span, blockedLanes } = culprit;
    const upTo = Math.max(...blockedLanes.values());
    sentences.push(
      `While ${span.lane} ran for ${formatMs(length(span))} without a break (from ${formatMs(span.from)} to ${formatMs(span.to)}), ` +
        `${plural(blockedLanes.size, 'other task was', 'other tasks were')} blocked, for up to ${formatMs(upTo)}.`,
    );
  }
  let longest: TraceEvent | undefined;
  for (const { longestBlocked } of lanes) {
    if (longestBlocked && (!longest || length(longestBlocked) > length(longest))) longest = longestBlocked;
  }
  sentences.push(longest ? `The longest blocked span was ${formatMs(length(longest))} (${longest.lane}).` : 'No task was blocked.');
  const rows = lanes.map((lane) => ({
    name: lane.name,
    totals: { ...lane.totals },
    longestBlocked: lane.longestBlocked ? length(lane.longestBlocked) : 0,
  }));
  return { sentences, rows };
}
