import { createTimeline, stretches, type Lane } from '../../workbench/timeline.ts';
import { parseTraceEvent, type TraceEvent } from '../../workbench/trace-event.ts';
import { TRACE_PREFIX } from '../../workbench/trace-filter.ts';

/**
 * The first run of demos/blocking-stall's recording, for the chapter 9 picture of the stall: its
 * lanes, as the demo's own timeline joins them, and the report's longest running stretch. A
 * recording that cannot be drawn fails the build with a message saying how to record it again.
 */
export const STALL_DEMO = 'blocking-stall';
export const HEAVY_LANE = 'client 8';
const WHERE = `demos/${STALL_DEMO}/replay.json`;
const FIX = `Fix: run \`npm run demos:record -- ${STALL_DEMO}\`, with MODE at the top of demos/${STALL_DEMO}/main.js set to 'all' or 'stall'.`;

export interface StallRun {
  /** Every lane of the run, client 1 first. */
  lanes: Lane[];
  heavy: Lane;
  report: TraceEvent;
}

/** `output`: everything the recorded run printed, #trace lines included. */
export function readStallRun(output: string): StallRun {
  const lines = output.split('\n');
  // A run ends with its summary line ("stall  clients 1-7: median …"); the first must be the stall.
  const firstSummary = lines.findIndex((line) => /^(stall|yield|thread)\s+clients\b/.test(line));
  if (firstSummary < 0 || !lines[firstSummary]!.startsWith('stall')) {
    throw new Error(`<Picture id="stall">: ${WHERE} has no run of the report in one piece as its first run (no summary line starting "stall" before any other). ${FIX}`);
  }
  const timeline = createTimeline();
  for (const line of lines.slice(0, firstSummary)) {
    const event = line.startsWith(TRACE_PREFIX) ? parseTraceEvent(line.slice(TRACE_PREFIX.length)) : undefined;
    if (event) timeline.add(event);
  }
  const lanes = timeline.lanes().toSorted((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const heavy = lanes.find((lane) => lane.name === HEAVY_LANE);
  const report = heavy && stretches(heavy, 'running').toSorted((a, b) => b.to - b.from - (a.to - a.from))[0];
  const others = lanes.filter((lane) => lane !== heavy);
  if (!heavy || !report || !others.some((lane) => stretches(lane, 'blocked').some((span) => span.from >= report.from))) {
    throw new Error(
      `<Picture id="stall">: the first run in ${WHERE} has no #trace span of "${HEAVY_LANE}" running with other clients blocked after it starts, which is what the picture draws. ${FIX}`,
    );
  }
  return { lanes, heavy, report };
}
