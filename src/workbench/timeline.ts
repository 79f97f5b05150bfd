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
}

export interface Timeline {
  add(event: TraceEvent): void;
  /** Lanes in the order their tasks started; tasks that started together, in the order they were first reported. */
  lanes(): Lane[];
  spanCount(): number;
  /** The time range the spans cover; [0, 0] while empty. Starts at 0 unless a span starts before. */
  extent(): [number, number];
}


export function createTimeline(): Timeline {
  const lanes = new Map<string, Lane>();
  let count = 0;
  let min = 0;
  let max = 0;
  return {
    add(event) {
      let lane = lanes.get(event.lane);
      if (!lane) {
        lane = { name: event.lane, spans: [], start: event.from, totals: { running: 0, waiting: 0, blocked: 0 } };
        lanes.set(event.lane, lane);
      }
      lane.spans.push(event);
      lane.start = Math.min(lane.start, event.from);
      lane.totals[event.state] += event.to - event.from;
      count += 1;
      min = Math.min(min, event.from);
      max = Math.max(max, event.to);
    },
    // A Map keeps insertion order, and sort is stable: ties stay in the order lanes first appeared.
    lanes: () => [...lanes.values()].sort((a, b) => a.start - b.start),
    spanCount: () => count,
    extent: () => [min, max],
  };
}

const length = (span: TraceEvent) => span.to - span.from;
const overlap = (a: TraceEvent, b: TraceEvent) => Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from));

/** Gaps up to this (rounding in the demo's numbers) still join two spans into one stretch. */
const JOIN_MS = 0.5;

/**
 * A lane's spans in one state, with spans that follow each other back to back joined into one
 * stretch: a task blocked by three requests in a row is drawn as one blocked bar, and was blocked
 * that whole time, so that is what the summary measures.
 */
export function stretches(lane: Lane, state: TraceState): TraceEvent[] {
  const sorted = lane.spans.toSorted((a, b) => a.from - b.from);
  const joined: TraceEvent[] = [];
  let current: TraceEvent | undefined;
  for (const span of sorted) {
    if (span.state !== state) {
      current = undefined;
    } else if (current && span.from <= current.to + JOIN_MS) {
      current.to = Math.max(current.to, span.to);
    } else {
      current = { ...span };
      joined.push(current);
    }
  }
  return joined;
}

/** A stretch of running during which other lanes were blocked: who held the others up. */
export interface Culprit {
  span: TraceEvent;
  /** Per other lane blocked during it: how long, in ms. */
  blockedLanes: Map<string, number>;
}

/**
 * The running stretch during which the most time of other lanes was blocked, counting only a
 * stretch during which some other lane was blocked for at least half of it. That is what a stall
 * looks like; a task that merely ran while others happened to be briefly late (on another thread,
 * say) is not named.
 */
export function findCulprit(lanes: readonly Lane[]): Culprit | undefined {
  const blockedByLane = lanes.map((lane) => ({ name: lane.name, blocked: stretches(lane, 'blocked') })).filter((lane) => lane.blocked.length > 0);
  if (blockedByLane.length === 0) return undefined;
  // A flood of traces holds thousands of running stretches, and measuring each against every
  // other lane took hundreds of milliseconds on a busy machine. So each is first measured against
  // all blocked time at once, in two lookups, and only the stretches that can still win are
  // measured lane by lane, from the most blocked time down.
  const blockedTime = blockedTimeBefore(blockedByLane.flatMap((lane) => lane.blocked));
  const candidates: { span: TraceEvent; order: number; atMost: number }[] = [];
  for (const lane of lanes) {
    const own = blockedByLane.find((other) => other.name === lane.name)?.blocked ?? [];
    for (const span of stretches(lane, 'running')) {
      const atMost = blockedTime(span.to) - blockedTime(span.from) - overlapWithAll(span, own);
      if (atMost > ROUNDING_MS) candidates.push({ span, order: candidates.length, atMost });
    }
  }
  candidates.sort((a, b) => b.atMost - a.atMost);
  let best: (Culprit & { order: number; total: number }) | undefined;
  for (const { span, order, atMost } of candidates) {
    if (best && atMost < best.total - ROUNDING_MS) break;
    const blockedLanes = new Map<string, number>();
    let total = 0;
    for (const other of blockedByLane) {
      if (other.name === span.lane) continue;
      const ms = overlapWithAll(span, other.blocked);
      if (ms <= 0) continue;
      blockedLanes.set(other.name, ms);
      total += ms;
    }
    if (total <= 0 || Math.max(...blockedLanes.values()) < length(span) / 2) continue;
    // The most blocked time wins; of equals, the stretch of the lane that started first.
    if (!best || total > best.total || (total === best.total && order < best.order)) best = { span, blockedLanes, order, total };
  }
  return best && { span: best.span, blockedLanes: best.blockedLanes };
}

/** Below this, a difference in summed milliseconds is floating-point rounding. */
const ROUNDING_MS = 1e-6;

/** How much of `span` the stretches cover, summed. They are in time order and apart, so their ends rise. */
function overlapWithAll(span: TraceEvent, sorted: readonly TraceEvent[]): number {
  let ms = 0;
  for (let i = firstEndingAfter(sorted, span.from); i < sorted.length && sorted[i]!.from < span.to; i++) ms += overlap(span, sorted[i]!);
  return ms;
}

/**
 * For a set of stretches (overlapping or not), the function from a time to the blocked time
 * before it, each stretch counted: the blocked time within [a, b] is f(b) - f(a).
 */
function blockedTimeBefore(spans: readonly TraceEvent[]): (ms: number) => number {
  const edges = spans.flatMap((span) => [{ at: span.from, step: 1 }, { at: span.to, step: -1 }]).sort((a, b) => a.at - b.at);
  const at: number[] = [];
  const before: number[] = [];
  const covering: number[] = [];
  let sum = 0;
  let count = 0;
  for (const edge of edges) {
    if (at.length > 0) sum += count * (edge.at - at.at(-1)!);
    count += edge.step;
    at.push(edge.at);
    before.push(sum);
    covering.push(count);
  }
  return (ms) => {
    // The last edge at or before `ms`.
    let low = 0;
    let high = at.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (at[middle]! <= ms) low = middle + 1;
      else high = middle;
    }
    const edge = low - 1;
    return edge < 0 ? 0 : before[edge]! + covering[edge]! * (ms - at[edge]!);
  };
}

/** The index of the first stretch ending after `ms`, in stretches whose ends rise. */
function firstEndingAfter(sorted: readonly TraceEvent[], ms: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.to > ms) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Milliseconds as a reader wants them: whole from 10, to a tenth below. */
export function formatMs(ms: number, unit = ' ms'): string {
  return `${Math.abs(ms) >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10}${unit}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export interface LaneRow {
  name: string;
  totals: Record<TraceState, number>;
  longestBlocked: number;
}

/** One lane in words, leaving out the states it never was in: "client 1: waiting 351 ms, blocked 961 ms (longest 200 ms)". */
export function describeLane(row: LaneRow): string {
  const parts = (['running', 'waiting', 'blocked'] as const).filter((state) => row.totals[state] > 0).map((state) => `${state} ${formatMs(row.totals[state])}`);
  if (row.longestBlocked > 0 && row.longestBlocked < row.totals.blocked) parts[parts.length - 1] += ` (longest ${formatMs(row.longestBlocked)})`;
  return `${row.name}: ${parts.join(', ') || 'no time traced'}`;
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
      `While ${span.lane} ran for ${formatMs(length(span))} without a break (from ${formatMs(span.from, '')} to ${formatMs(span.to)}), ` +
        `${plural(blockedLanes.size, 'other task was', 'other tasks were')} blocked, for up to ${formatMs(upTo)}.`,
    );
  }
  const rows = lanes.map((lane) => ({
    name: lane.name,
    totals: { ...lane.totals },
    longestBlocked: Math.max(0, ...stretches(lane, 'blocked').map(length)),
  }));
  let longest: LaneRow | undefined;
  for (const row of rows) if (row.longestBlocked > (longest?.longestBlocked ?? 0)) longest = row;
  sentences.push(longest ? `Longest blocked stretch: ${formatMs(longest.longestBlocked)} (${longest.name}).` : 'No task was blocked.');
  return { sentences, rows };
}
