// One trace event, as a demo prints it after the `#trace ` marker: a span of time one task
// spent in one state. Demos are edited by readers, so anything else on a trace line is refused
// here, once, and everything downstream (the timeline, its summary) can trust what it gets.

export const TRACE_STATES = ['running', 'waiting', 'blocked'] as const;
export type TraceState = (typeof TRACE_STATES)[number];

export interface TraceEvent {
  /** The task this span belongs to: one lane of the timeline. */
  lane: string;
  /** Milliseconds since the demo started. */
  from: number;
  to: number;
  state: TraceState;
}

const isState = (value: unknown): value is TraceState => TRACE_STATES.includes(value as TraceState);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The event on a trace line (the text after the marker), or undefined if it is not one. */
export function parseTraceEvent(json: string): TraceEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { lane, from, to, state } = value as Record<string, unknown>;
  if (typeof lane !== 'string' || lane.trim() === '' || !isTime(from) || !isTime(to) || to < from || !isState(state)) return undefined;
  return { lane: lane.trim(), from, to, state };
}
