import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTimeline, describeLane, findCulprit, formatMs, stretches, summarize } from './timeline.ts';
import type { TraceEvent, TraceState } from './trace-event.ts';
import { hideTraceLines } from './trace-filter.ts';

const span = (lane: string, from: number, to: number, state: TraceState): TraceEvent => ({ lane, from, to, state });

function timelineOf(events: TraceEvent[]) {
  const timeline = createTimeline();
  events.forEach(timeline.add);
  return timeline;
}

/** The trace events of a recorded real run of a demo, read through the terminal's filter. */
function recordedEvents(demo: string): TraceEvent[] {
  const transcript = JSON.parse(readFileSync(`demos/${demo}/replay.json`, 'utf8')) as { events: { text: string }[] };
  const events: TraceEvent[] = [];
  const filter = hideTraceLines({ write: () => {} }, { event: (e) => events.push(e) });
  for (const { text } of transcript.events) filter.write(text);
  filter.end();
  return events;
}

describe('createTimeline', () => {
  it('groups spans into one lane per task, ordered by when each task started, and tasks that started together as first reported', () => {
    const timeline = timelineOf([
      span('fetch user', 0, 5, 'waiting'),
      span('late', 50, 60, 'running'),
      span('fetch posts', 0, 5, 'waiting'),
      span('fetch posts', 5, 9, 'blocked'),
      span('early', -3, 1, 'running'),
    ]);
    expect(timeline.lanes().map((lane) => lane.name)).toEqual(['early', 'fetch user', 'fetch posts', 'late']);
    expect(timeline.spanCount()).toBe(5);
    expect(timeline.extent()).toEqual([-3, 60]);
  });

  it('sums each lane’s time per state', () => {
    const lane = timelineOf([span('A', 0, 10, 'waiting'), span('A', 10, 40, 'blocked'), span('A', 40, 45, 'running'), span('A', 45, 50, 'blocked')]).lanes()[0]!;
    expect(lane.totals).toEqual({ waiting: 10, blocked: 35, running: 5 });
  });
});

describe('stretches', () => {
  it('joins spans of one state that follow back to back, in time order, and nothing across another state', () => {
    const lane = timelineOf([
      span('A', 20, 30, 'blocked'),
      span('A', 0, 10, 'blocked'),
      span('A', 10.2, 20, 'blocked'),
      span('A', 30, 35, 'waiting'),
      span('A', 35, 50, 'blocked'),
      span('A', 52, 60, 'blocked'),
    ]).lanes()[0]!;
    expect(stretches(lane, 'blocked').map(({ from, to }) => [from, to])).toEqual([[0, 30], [35, 50], [52, 60]]);
    expect(stretches(lane, 'waiting').map(({ from, to }) => [from, to])).toEqual([[30, 35]]);
    expect(stretches(lane, 'running')).toEqual([]);
  });
});

describe('findCulprit', () => {
  it('names the running span during which the most time of other lanes was blocked', () => {
    const culprit = findCulprit(
      timelineOf([
        span('short', 0, 5, 'running'),
        span('heavy', 10, 210, 'running'),
        span('a', 0, 12, 'blocked'),
        span('a', 12, 100, 'blocked'),
        span('a', 100, 200, 'blocked'),
        span('b', 50, 230, 'blocked'),
        span('c', 0, 300, 'waiting'),
      ]).lanes(),
    );
    expect(culprit?.span).toEqual(span('heavy', 10, 210, 'running'));
    expect(culprit?.blockedLanes).toEqual(new Map([['a', 190], ['b', 160]]));
  });

  it('treats a task running back to back as one stretch', () => {
    const culprit = findCulprit(timelineOf([span('heavy', 0, 100, 'running'), span('heavy', 100, 200, 'running'), span('a', 0, 200, 'blocked')]).lanes());
    expect(culprit?.span).toEqual(span('heavy', 0, 200, 'running'));
  });

  it('names no one for a long run during which the others were only briefly late (as on another thread)', () => {
    const lanes = timelineOf([span('worker thread', 0, 200, 'running'), span('a', 50, 60, 'blocked'), span('b', 120, 140, 'blocked')]).lanes();
    expect(findCulprit(lanes)).toBeUndefined();
  });

  it('finds none when nothing was blocked, or when no running span covers the blocking', () => {
    expect(findCulprit(timelineOf([span('a', 0, 10, 'running'), span('b', 0, 10, 'waiting')]).lanes())).toBeUndefined();
    expect(findCulprit(timelineOf([span('a', 0, 10, 'running'), span('b', 20, 30, 'blocked')]).lanes())).toBeUndefined();
  });
});

describe('summarize', () => {
  it('says who ran while the others were blocked, and for how long', () => {
    const summary = summarize(
      timelineOf([
        span('client 1', 0, 40, 'waiting'),
        span('client 1', 40, 238, 'blocked'),
        span('client 2', 42, 241, 'blocked'),
        span('client 8', 40, 240.4, 'running'),
      ]),
    );
    expect(summary.sentences).toEqual([
      '3 tasks traced over 241 ms.',
      'While client 8 ran for 200 ms without a break (from 40 to 240 ms), 2 other tasks were blocked, for up to 198 ms.',
      'Longest blocked stretch: 199 ms (client 2).',
    ]);
    expect(summary.rows).toEqual([
      { name: 'client 1', totals: { running: 0, waiting: 40, blocked: 198 }, longestBlocked: 198 },
      { name: 'client 8', totals: { running: expect.closeTo(200.4), waiting: 0, blocked: 0 }, longestBlocked: 0 },
      { name: 'client 2', totals: { running: 0, waiting: 0, blocked: 199 }, longestBlocked: 199 },
    ]);
  });

  it('says so when no task was blocked', () => {
    expect(summarize(timelineOf([span('A', 0, 100, 'waiting'), span('B', 0, 140, 'waiting')])).sentences).toEqual([
      '2 tasks traced over 140 ms.',
      'No task was blocked.',
    ]);
  });

  it('on a real run of blocking-stall, finds client 8 holding up all seven other clients for most of its report', () => {
    const summary = summarize(timelineOf(recordedEvents('blocking-stall')));
    expect(summary.rows.map((row) => row.name).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `client ${i + 1}`), 'worker thread'].sort());
    const [, culprit] = summary.sentences;
    const match = /^While client 8 ran for (\d+) ms without a break .*, 7 other tasks were blocked, for up to (\d+) ms\.$/.exec(culprit ?? '');
    expect(match, culprit).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(200);
    expect(Number(match![2])).toBeGreaterThan(150);
  });
});

describe('describeLane', () => {
  it('gives the time in each state the task was in, and its longest blocked stretch when it was blocked more than once', () => {
    expect(describeLane({ name: 'client 1', totals: { running: 0, waiting: 351.2, blocked: 961 }, longestBlocked: 200 })).toBe(
      'client 1: waiting 351 ms, blocked 961 ms (longest 200 ms)',
    );
    expect(describeLane({ name: 'A', totals: { running: 3, waiting: 0, blocked: 12 }, longestBlocked: 12 })).toBe('A: running 3 ms, blocked 12 ms');
    expect(describeLane({ name: 'worker thread', totals: { running: 201, waiting: 0, blocked: 0 }, longestBlocked: 0 })).toBe('worker thread: running 201 ms');
  });
});

describe('formatMs', () => {
  it('rounds to whole milliseconds from 10 ms, to a tenth below', () => {
    expect([formatMs(412.49), formatMs(9.96), formatMs(2.34), formatMs(0), formatMs(40.2, '')]).toEqual(['412 ms', '10 ms', '2.3 ms', '0 ms', '40']);
  });
});

describe('findCulprit on many spans', () => {
  it('finds the same stall among thousands of short spans, as one pair-by-pair comparison would', () => {
    const events: TraceEvent[] = [];
    for (let lane = 0; lane < 20; lane++) {
      for (let t = 0; t < 2000; t += 10) events.push(span(`l${lane}`, t, t + 4, lane % 2 ? 'running' : 'blocked'));
    }
    events.push(span('heavy', 3000, 3300, 'running'));
    for (let lane = 0; lane < 20; lane += 2) events.push(span(`l${lane}`, 3010, 3290, 'blocked'));
    const culprit = findCulprit(timelineOf(events).lanes());
    expect(culprit?.span).toEqual(span('heavy', 3000, 3300, 'running'));
    expect([...culprit!.blockedLanes.values()]).toEqual(Array(10).fill(280));
  });
});

describe('findCulprit, checked against its definition', () => {
  /** The definition, stretch against stretch: slow, and plainly right. */
  function culpritByDefinition(lanes: ReturnType<ReturnType<typeof createTimeline>['lanes']>) {
    let best: { span: TraceEvent; total: number } | undefined;
    for (const lane of lanes) {
      for (const running of stretches(lane, 'running')) {
        const perLane = lanes
          .filter((other) => other.name !== lane.name)
          .map((other) => stretches(other, 'blocked').reduce((ms, blocked) => ms + Math.max(0, Math.min(running.to, blocked.to) - Math.max(running.from, blocked.from)), 0))
          .filter((ms) => ms > 0);
        const total = perLane.reduce((sum, ms) => sum + ms, 0);
        if (total > (best?.total ?? 0) && Math.max(...perLane) >= (running.to - running.from) / 2) best = { span: running, total };
      }
    }
    return best?.span;
  }

  it('names the same stretch on random traces, overlapping states and ties included', () => {
    // A small linear congruential generator: the same 300 traces on every run.
    let seed = 7;
    const random = (below: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % below);
    const states: TraceState[] = ['running', 'waiting', 'blocked'];
    for (let trial = 0; trial < 300; trial++) {
      const events = Array.from({ length: 5 + random(60) }, () => {
        const from = random(200);
        return span(`t${random(6)}`, from, from + 1 + random(40), states[random(3)]!);
      });
      const lanes = timelineOf(events).lanes();
      expect(findCulprit(lanes)?.span, `trial ${trial}`).toEqual(culpritByDefinition(lanes));
    }
  });
});
