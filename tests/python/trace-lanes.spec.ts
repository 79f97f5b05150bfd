import { beforeAll, describe, expect, it } from 'vitest';
import { parseTraceEvent, type TraceEvent, type TraceState } from '../../src/workbench/trace-event.ts';
import { runPythonScript, timeline } from './python-programs.ts';

// The Python programs that draw the workbench's timeline: with DEMO_TRACE set they print
// `#trace {...}` lines through demos/python/lanes.py, one lane per greenlet or chain. What is
// asserted is what a reader of the timeline would see, checked against the program's own
// figures (the lines it prints anyway) rather than against fixed numbers of ms: a busy machine
// makes every wait longer, and can neither turn a stall into a free loop nor the reverse.

const PREFIX = '#trace ';
const LATE_MS = 2; // as in lanes.py: a wake-up later than this is drawn as blocked

interface TracedRun {
  /** Every event, in the order printed. */
  events: TraceEvent[];
  /** The other lines, as a reader sees them in a terminal. */
  lines: string[];
  /** Trace events before each of the other lines (the last entry: after the last line). */
  before: TraceEvent[][];
  /** How long the program ran, by this process's clock. */
  wallMs: number;
}

/** Runs the program with DEMO_TRACE=1; every trace line must be a valid event, and lanes sane. */
async function traced(file: string): Promise<TracedRun> {
  const started = performance.now();
  const { stdout } = await runPythonScript(file, { env: { DEMO_TRACE: '1' } });
  const wallMs = performance.now() - started;
  const run: TracedRun = { events: [], lines: [], before: [[]], wallMs };
  for (const line of stdout.trimEnd().split('\n')) {
    if (line.startsWith(PREFIX)) {
      const event = parseTraceEvent(line.slice(PREFIX.length));
      if (!event) throw new Error(`${file}: not a valid trace event: ${line}`);
      run.events.push(event);
      run.before.at(-1)!.push(event);
    } else {
      expect(line, `${file}: a trace line torn into another`).not.toContain('#trace');
      run.lines.push(line);
      run.before.push([]);
    }
  }
  expect(run.events.length, file).toBeGreaterThan(0);
  // Each lane is one row: its spans follow each other, within the run.
  for (const [lane, spans] of byLane(run.events)) {
    for (const [i, span] of spans.entries()) {
      expect(span.from, lane).toBeGreaterThanOrEqual(i === 0 ? 0 : spans[i - 1]!.to);
      expect(span.to, lane).toBeLessThanOrEqual(wallMs);
    }
  }
  return run;
}

function byLane(events: TraceEvent[]): Map<string, TraceEvent[]> {
  return Map.groupBy(events, (event) => event.lane);
}

const length = (span: TraceEvent) => span.to - span.from;
const overlap = (a: TraceEvent, b: TraceEvent) => Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from));
const inState = (events: TraceEvent[], state: TraceState) => events.filter((event) => event.state === state);
const longest = (events: TraceEvent[]) => Math.max(0, ...events.map(length));

/**
 * When one lane's task woke up, from its spans in order: each sleep is drawn as waiting until it
 * was due, then, if it woke later than that, blocked until it did; the wake-up ends the last.
 */
function wakeUps(spans: TraceEvent[]): number[] {
  return spans.filter((span, i) => !(spans[i + 1]?.state === 'blocked' && spans[i + 1]!.from === span.to)).map((span) => span.to);
}
const wokeDuring = (spans: TraceEvent[], during: TraceEvent) => wakeUps(spans).filter((ms) => ms > during.from && ms < during.to);

/** Run without DEMO_TRACE (set but empty, which counts as unset), the program prints no trace, and the same lines. */
async function expectSilentWithoutTrace(file: string, run: TracedRun) {
  const { stdout } = await runPythonScript(file, { env: { DEMO_TRACE: '' } });
  expect(stdout).not.toContain('#trace');
  // Figures differ from run to run, and so does the padding that aligns them.
  const shape = (line: string) => line.replace(/\d+(\.\d+)?/g, 'N').replace(/ +/g, ' ');
  expect(stdout.trimEnd().split('\n').map(shape)).toEqual(run.lines.map(shape));
}

describe('demos/python/gevent_blocking_stall.py, traced', () => {
  const CLIENTS = ['client 1', 'client 2', 'client 3', 'client 4', 'client 5'];
  const WORK_MS = 200;
  const SLICES = 200; // WORK / SLICE in the program
  let run: TracedRun;
  /** Per way: its events and the worst delay the program printed for it. */
  let ways: Map<string, { events: TraceEvent[]; worst: number }>;
  beforeAll(async () => {
    run = await traced('gevent_blocking_stall.py');
    ways = new Map();
    run.lines.forEach((line, i) => {
      const match = /^(.+?)\s+worst client delay\s+([\d.]+) ms$/.exec(line);
      if (!match) throw new Error(`not a result line: ${line}`);
      ways.set(match[1]!, { events: run.before[i]!, worst: Number(match[2]) });
    });
  });
  const way = (name: string) => {
    const found = ways.get(name);
    if (!found) throw new Error(`no way "${name}" in: ${[...ways.keys()].join(', ')}`);
    return found;
  };
  const job = (name: string) => way(name).events.filter((event) => event.lane === 'job');
  const blocked = (name: string) => inState(way(name).events, 'blocked');

  it('draws the five ways one after the other, each with the five clients and the job', () => {
    expect([...ways.keys()]).toEqual([
      'cpu loop, never yields',
      'cpu loop + gevent.sleep(0)',
      'cpu loop + gevent.idle()',
      'time.sleep() (not patched)',
      'time.sleep() on the threadpool',
    ]);
    let end = 0;
    for (const [name, { events }] of ways) {
      expect(new Set(events.map((event) => event.lane)), name).toEqual(new Set([...CLIENTS, 'job']));
      expect(Math.min(...events.map((event) => event.from)), name).toBeGreaterThanOrEqual(end);
      end = Math.max(...events.map((event) => event.to));
      // Clients only sleep, or are kept from waking; the job alone runs or waits on the thread.
      for (const client of CLIENTS) expect(inState(events.filter((event) => event.lane === client), 'running'), name).toEqual([]);
    }
  });

  it("shows each client's longest blocked stretch as the worst delay the program measured", () => {
    for (const [name, { worst }] of ways) {
      const drawn = longest(blocked(name));
      // A delay under LATE_MS is drawn as waiting; otherwise the two clocks are read microseconds
      // apart, plus whatever a busy machine adds between them.
      expect(drawn, name).toBeLessThanOrEqual(worst + 1);
      expect(drawn, name).toBeGreaterThanOrEqual(worst >= LATE_MS + 1 ? worst - 5 : 0);
    }
  });

  it('blocks every client for most of the job when the job holds the hub', () => {
    for (const name of ['cpu loop, never yields', 'time.sleep() (not patched)']) {
      const spans = job(name);
      expect(spans.map((span) => span.state), name).toEqual(['running']);
      const work = spans[0]!;
      expect(length(work), name).toBeGreaterThanOrEqual(WORK_MS - 0.1); // a busy wait or a sleep: never shorter
      for (const client of CLIENTS) {
        const held = blocked(name).filter((span) => span.lane === client);
        expect(Math.max(0, ...held.map((span) => overlap(span, work))), `${name}: ${client}`).toBeGreaterThanOrEqual(length(work) / 2);
      }
    }
  });

  it('runs the job in 1 ms slices with sleep(0) and idle(), but only idle() lets due clients in at every slice', () => {
    const slicesDuring = (name: string, span: TraceEvent) => job(name).filter((slice) => overlap(slice, span) > 0).length;
    for (const name of ['cpu loop + gevent.sleep(0)', 'cpu loop + gevent.idle()']) {
      expect(job(name).length, name).toBe(SLICES);
      expect(new Set(job(name).map((slice) => slice.state)), name).toEqual(new Set(['running']));
    }
    // sleep(0): the loop polls only every so many yields, so a due client sat blocked while the
    // job ran slice after slice. idle(): a client can wait out at most the slice it fell due in
    // (longer only if the machine stalled the whole process, which runs no slices either).
    const sleep0 = blocked('cpu loop + gevent.sleep(0)');
    expect(Math.max(0, ...sleep0.map((span) => slicesDuring('cpu loop + gevent.sleep(0)', span)))).toBeGreaterThanOrEqual(10);
    for (const span of blocked('cpu loop + gevent.idle()')) expect(slicesDuring('cpu loop + gevent.idle()', span)).toBeLessThanOrEqual(3);
    const stall = Math.min(longest(blocked('cpu loop, never yields')), longest(blocked('time.sleep() (not patched)')));
    expect(longest(blocked('cpu loop + gevent.idle()'))).toBeLessThan(stall / 2);
  });

  it('shows the job waiting while the threadpool sleeps for it, and the clients waking meanwhile', () => {
    const name = 'time.sleep() on the threadpool';
    const spans = job(name);
    expect(spans.map((span) => span.state)).toEqual(['waiting']);
    const work = spans[0]!;
    expect(length(work)).toBeGreaterThanOrEqual(WORK_MS - 0.1);
    const events = way(name).events;
    for (const client of CLIENTS) {
      expect(wokeDuring(events.filter((event) => event.lane === client), work).length, client).toBeGreaterThan(0);
    }
    const stall = longest(blocked('cpu loop, never yields'));
    expect(longest(blocked(name))).toBeLessThan(stall / 2);
  });

  it('prints no trace line, and the same lines, without DEMO_TRACE', async () => {
    await expectSilentWithoutTrace('gevent_blocking_stall.py', run);
  });
});

describe('demos/python/greenlet_hub.py, traced', () => {
  let run: TracedRun;
  let lanes: Map<string, TraceEvent[]>;
  beforeAll(async () => {
    run = await traced('greenlet_hub.py');
    lanes = byLane(run.events);
  });
  const lane = (name: string) => lanes.get(name) ?? [];

  it('draws each greenlet waiting in its own lane, for as long as it asked to sleep', () => {
    expect(new Set(lanes.keys())).toEqual(new Set(['client A', 'client B', 'reader', 'writer', 'main']));
    // A sleep ends no earlier than it was due, however busy the machine (blocked counts too).
    const sleeps = (name: string) => lane(name).filter((span) => span.state === 'waiting');
    expect(sleeps('client A').map(length).every((ms) => ms >= 100 - 0.1)).toBe(true);
    expect(sleeps('client A')).toHaveLength(3);
    expect(sleeps('client B').map(length).every((ms) => ms >= 140 - 0.1)).toBe(true);
    expect(sleeps('client B')).toHaveLength(2);
    expect(lane('writer').reduce((sum, span) => sum + length(span), 0)).toBeGreaterThanOrEqual(250 - 0.1);
    // The reader got its message only after the writer woke up and sent it.
    expect(lane('reader')).toHaveLength(1);
    expect(lane('reader')[0]!.to).toBeGreaterThanOrEqual(lane('writer').at(-1)!.to);
  });

  it('overlaps the waits: main waits once while the hub runs them all, far less than their sum', () => {
    const [main] = lane('main');
    expect(lane('main')).toHaveLength(1);
    expect(main!.state).toBe('waiting');
    const others = run.events.filter((event) => event.lane !== 'main');
    expect(main!.from).toBeLessThanOrEqual(Math.min(...others.map((event) => event.from)));
    expect(main!.to).toBeGreaterThanOrEqual(Math.max(...others.map((event) => event.to)));
    // The program's own clock agrees: main is done at its last log line (whole ms; two clocks
    // started a moment apart).
    expect(Math.abs(main!.to - timeline(run.lines.join('\n')).at(-1)!.ms)).toBeLessThanOrEqual(5);
    // 0.83 s of waiting in about 0.3 s: the sum is well over twice main's wait.
    expect(others.reduce((sum, span) => sum + length(span), 0)).toBeGreaterThan(2 * length(main!));
  });

  it('prints no trace line, and the same lines, without DEMO_TRACE', async () => {
    await expectSilentWithoutTrace('greenlet_hub.py', run);
  });
});

describe('demos/python/twisted_deferred_chain.py, traced', () => {
  let run: TracedRun;
  const at = (prefix: string) => timeline(run.lines.join('\n')).find((event) => event.message.startsWith(prefix))!.ms;
  beforeAll(async () => {
    run = await traced('twisted_deferred_chain.py');
  });

  it('draws each fetch waiting on the network, both at once, and the ads one after them', () => {
    const fetches = run.events.filter((event) => event.lane.startsWith('fetch '));
    expect(fetches.map((event) => [event.lane, event.state])).toEqual([
      ['fetch user', 'waiting'],
      ['fetch posts', 'waiting'],
      ['fetch ads', 'waiting'],
    ]);
    const [user, posts, ads] = fetches;
    // Both requests went out before the reactor ran; each waited as long as its pretend network.
    expect(Math.abs(user!.from - posts!.from)).toBeLessThanOrEqual(5);
    expect(length(user!)).toBeGreaterThanOrEqual(200 - 1);
    expect(length(posts!)).toBeGreaterThanOrEqual(300 - 1);
    expect(ads!.from).toBeGreaterThanOrEqual(posts!.to);
    expect(length(ads!)).toBeGreaterThanOrEqual(100 - 1);
  });

  it('draws the page chain waiting for both fetches, running its callbacks, pausing for the ads', () => {
    const page = run.events.filter((event) => event.lane === 'page');
    expect(new Set(run.events.map((event) => event.lane))).toEqual(new Set(['page', 'fetch user', 'fetch posts', 'fetch ads']));
    const [forBoth, callbacks, forAds, rendered] = page;
    expect(page.map((event) => event.state)).toEqual(['waiting', 'running', 'waiting', 'running']);
    // It resumed when the later of the two replies came, both requests having gone out at the
    // start: the program's log says when (whole ms; its clock started a moment after).
    expect(forBoth!.from).toBe(0);
    expect(length(forBoth!)).toBeGreaterThanOrEqual(300 - 1);
    expect(Math.abs(forBoth!.to - at('fetch posts: reply received'))).toBeLessThanOrEqual(5);
    expect(at('fetch user: reply received')).toBeLessThan(forBoth!.to);
    // The ads Deferred paused the chain until its errback ran, then render finished the page.
    expect(length(forAds!)).toBeGreaterThanOrEqual(100 - 1);
    expect(Math.abs(forAds!.to - at('errback skip_ads'))).toBeLessThanOrEqual(5);
    expect(callbacks!.to).toBe(forAds!.from);
    expect(Math.abs(rendered!.to - at('callback render'))).toBeLessThanOrEqual(5);
  });

  it('prints no trace line, and the same lines, without DEMO_TRACE', async () => {
    await expectSilentWithoutTrace('twisted_deferred_chain.py', run);
  });
});

describe('demos/python/eventlet_tpool.py, traced', () => {
  const CALL_MS = 500;
  let run: TracedRun;
  /** Per way: the call's span, the heartbeat's spans, and the program's count of heartbeats. */
  let ways: Map<string, { call: TraceEvent; heartbeat: TraceEvent[]; meanwhile: number }>;
  beforeAll(async () => {
    run = await traced('eventlet_tpool.py');
    ways = new Map();
    run.lines.forEach((line, i) => {
      const match = /^(.+?)\s*: the call took [\d.]+ s; heartbeats meanwhile: (\d+)$/.exec(line);
      if (!match) return;
      const events = run.before[i]!;
      const calls = events.filter((event) => event.lane === 'blocking call');
      expect(calls, line).toHaveLength(1);
      ways.set(match[1]!, { call: calls[0]!, heartbeat: events.filter((event) => event.lane === 'heartbeat'), meanwhile: Number(match[2]) });
    });
  });

  it('draws the blocking call and the heartbeat, for the direct call and then through tpool', () => {
    expect([...ways.keys()]).toEqual(['called directly', 'tpool.execute']);
    expect(new Set(run.events.map((event) => event.lane))).toEqual(new Set(['blocking call', 'heartbeat']));
    for (const [name, { call }] of ways) {
      expect(call.state, name).toBe('running');
      expect(length(call), name).toBeGreaterThanOrEqual(CALL_MS - 0.1);
    }
  });

  it('called directly, the heartbeat is blocked for most of the call and never wakes during it', () => {
    const { call, heartbeat, meanwhile } = ways.get('called directly')!;
    expect(meanwhile).toBe(0);
    expect(wokeDuring(heartbeat, call)).toEqual([]);
    const held = Math.max(0, ...inState(heartbeat, 'blocked').map((span) => overlap(span, call)));
    expect(held).toBeGreaterThanOrEqual(length(call) / 2);
  });

  it('through tpool, the heartbeat keeps waking during the call, as often as the program counted', () => {
    const { call, heartbeat, meanwhile } = ways.get('tpool.execute')!;
    const woke = wokeDuring(heartbeat, call).length;
    expect(woke).toBeGreaterThanOrEqual(5);
    expect(Math.abs(woke - meanwhile)).toBeLessThanOrEqual(1);
    const direct = longest(inState(ways.get('called directly')!.heartbeat, 'blocked'));
    expect(longest(inState(heartbeat, 'blocked'))).toBeLessThan(direct / 2);
  });

  it('prints no trace line, and the same lines, without DEMO_TRACE', async () => {
    await expectSilentWithoutTrace('eventlet_tpool.py', run);
  });
});

describe('demos/python/gevent_wait_any.py, traced', () => {
  let run: TracedRun;
  let lanes: Map<string, TraceEvent[]>;
  beforeAll(async () => {
    run = await traced('gevent_wait_any.py');
    lanes = byLane(run.events);
  });

  it('draws one lane per download and one for the waiter, which wakes when part-b is done', () => {
    expect(new Set(lanes.keys())).toEqual(new Set(['part-a', 'part-b', 'part-c', 'waiter']));
    const waiter = lanes.get('waiter')!;
    expect(waiter.map((span) => span.state)).toEqual(['waiting', 'waiting']);
    const [inWait, inIwait] = waiter;
    // The waiter's first wait is the time the program printed (to 10 ms: it prints 0.11 s).
    const took = Number(/^first finished: part-b after ([\d.]+) s/m.exec(run.lines.join('\n'))![1]);
    expect(Math.abs(length(inWait!) - took * 1000)).toBeLessThanOrEqual(6);
    // In wait(): part-b finished first, and the waiter woke then; part-a and part-c were still
    // running, and were only killed after it had woken.
    const first = (name: string) => lanes.get(name)!.filter((span) => span.from < inWait!.to);
    expect(first('part-b').at(-1)!.to).toBeLessThanOrEqual(inWait!.to);
    expect(inWait!.to - first('part-b').at(-1)!.to).toBeLessThanOrEqual(5);
    for (const name of ['part-a', 'part-c']) expect(first(name).at(-1)!.to, name).toBeGreaterThanOrEqual(inWait!.to);
    // In iwait(): each finished in turn, b, c, a, as the program printed, and the waiter with the last.
    const then = (name: string) => lanes.get(name)!.filter((span) => span.from >= inWait!.to).at(-1)!.to;
    const order = ['part-a', 'part-b', 'part-c'].sort((a, b) => then(a) - then(b));
    expect(run.lines).toContain(`in finishing order: [${order.map((name) => `'${name}'`).join(', ')}]`);
    expect(order).toEqual(['part-b', 'part-c', 'part-a']);
    expect(inIwait!.to).toBeGreaterThanOrEqual(then('part-a'));
  });

  it('prints no trace line, and the same lines, without DEMO_TRACE', async () => {
    await expectSilentWithoutTrace('gevent_wait_any.py', run);
  });
});
