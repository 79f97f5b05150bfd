// The timeline under the terminal: one lane per task, drawn in SVG from the run's trace events,
// with the summary in words (timeline.ts) for screen readers and everyone. Hidden until a run
// prints a trace line; cleared by the next Run.
//
// Events arrive in bursts while the demo runs, so they are queued and drawn once per animation
// frame. Each lane draws its spans as three paths, one per state, each span a rectangle within
// its path: a flood of spans costs the browser a few elements to style, lay out and paint, not
// one element per span (5,000 <rect>s held a frame past 100 ms on a busy two-core machine). A
// new span adds to its path; everything is laid out again only when the time axis grows a step,
// a lane appears, or the box is resized. The states differ in shape as well as
// colour: running is a full bar, waiting a thin line, blocked a hatched bar.
// Its CSS (src/styles/timeline.css) is imported by Demo.astro: see vite-workbench-url.ts.
import { createTimeline, describeLane, summarize, type Timeline } from './timeline.ts';
import { axisEnd, axisTicks } from './timeline-scale.ts';
import { TRACE_STATES, type TraceEvent, type TraceState } from './trace-event.ts';
import type { TraceListener } from './trace-filter.ts';

const SVG = 'http://www.w3.org/2000/svg';
const LANE_HEIGHT = 16;
const LANE_GAP = 6;
const AXIS_HEIGHT = 22;
const LABEL_CHAR_PX = 7.3; // 12px JetBrains Mono: 0.6em a character
const TICK_CHAR_PX = 6.4; // 11px Inter, digits and "ms"
const MIN_TICK_GAP_PX = 64;
/** Beyond these a flood of trace lines would cost more to draw than it tells; the summary still counts them all. */
const MAX_DRAWN_SPANS = 5000;
const MAX_DRAWN_LANES = 40;
// What one run's timeline keeps at most: a demo that prints trace lines without end, or names a
// new task on each, must not grow the page's memory, or the work of each redraw, without end.
const MAX_KEPT_EVENTS = 50_000;
const MAX_KEPT_LANES = 200;
const SUMMARY_EVERY_MS = 300;
/** Trace events taken into the drawing per animation frame. */
const EVENTS_PER_FRAME = 1000;

export interface TimelineView {
  element: HTMLElement;
  /** Forgets the last run, hides the timeline, and returns the listener for the new run's traces. */
  start(): TraceListener;
  /** Stops drawing and observing; the listeners it handed out go quiet. */
  destroy(): void;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** The shape of a span in its lane: full height, or a thin line for waiting. */
function spanShape(state: TraceState, top: number): { y: number; height: number } {
  return state === 'waiting' ? { y: top + LANE_HEIGHT / 2 - 2, height: 4 } : { y: top, height: LANE_HEIGHT };
}

interface LaneView {
  group: SVGGElement;
  label: SVGTextElement;
  track: SVGRectElement;
  /** Per state, its path and the outline drawn in it so far (the path's `d`). */
  paths: Record<TraceState, { path: SVGPathElement; outline: string }>;
  spans: TraceEvent[];
}

export function createTimelineView(options: { title: string; idPrefix: string }): TimelineView {
  const patternId = `${options.idPrefix}-blocked`;
  const summaryId = `${options.idPrefix}-timeline-summary`;

  // ----- the DOM -----
  const chart = svg('svg', { class: 'tl-chart', role: 'img', 'aria-label': `Timeline of ${options.title}, one lane per task`, 'aria-describedby': summaryId });
  const defs = svg('defs');
  const pattern = svg('pattern', { id: patternId, patternUnits: 'userSpaceOnUse', width: 5, height: 5, patternTransform: 'rotate(45)' });
  pattern.append(svg('rect', { class: 'tl-hatch-ground', width: 5, height: 5 }), svg('line', { class: 'tl-hatch', x1: 1.25, y1: 0, x2: 1.25, y2: 5 }));
  defs.append(pattern);
  const grid = svg('g', { class: 'tl-grid' });
  const lanesLayer = svg('g');
  const axis = svg('g', { class: 'tl-axis' });
  chart.append(defs, grid, lanesLayer, axis);
  const chartBox = document.createElement('div');
  chartBox.className = 'tl-chart-box';
  chartBox.append(chart);

  const legend = document.createElement('ul');
  legend.className = 'tl-legend';
  for (const state of TRACE_STATES) {
    const swatch = svg('svg', { width: 22, height: LANE_HEIGHT, 'aria-hidden': 'true' });
    const { y, height } = spanShape(state, 0);
    swatch.append(svg('rect', { class: `tl-${state}`, x: 0.5, y, width: 21, height, ...(state === 'blocked' ? { fill: `url(#${patternId})` } : {}) }));
    const item = document.createElement('li');
    item.append(swatch, state);
    legend.append(item);
  }

  const summary = document.createElement('div');
  summary.className = 'tl-summary';
  // The chart's description is the few sentences, not the per-task list under them.
  const sentences = document.createElement('p');
  sentences.id = summaryId;
  const details = document.createElement('details');
  const detailsSummary = document.createElement('summary');
  detailsSummary.textContent = 'Time per task';
  // A list rather than a table: it reads the same aloud, and wraps to a phone's width.
  const perLane = document.createElement('ul');
  details.append(detailsSummary, perLane);
  summary.append(sentences, details);

  const heading = document.createElement('span');
  heading.className = 'tl-title';
  heading.textContent = 'Timeline';
  const head = document.createElement('div');
  head.className = 'tl-head';
  head.append(heading, legend);

  const element = document.createElement('section');
  element.className = 'wb-timeline';
  element.setAttribute('aria-label', `Timeline of ${options.title}`);
  element.hidden = true;
  element.append(head, chartBox, summary);

  // ----- one run's state -----
  let timeline: Timeline = createTimeline();
  let lanes = new Map<string, LaneView>();
  let pending: TraceEvent[] = [];
  let malformed: string[] = [];
  let keptLanes = new Set<string>();
  let notKept = 0;
  let drawnSpans = 0;
  let frame = 0;
  let summaryTimer: ReturnType<typeof setTimeout> | undefined;
  let summaryAt = 0;
  let generation = 0;
  /** The run's output has ended: once the last events are drawn, the summary is final. */
  let ended = false;
  // What the last layout was made for; any change lays everything out again.
  let laidOut = { boxWidth: 0, width: 0, axisFrom: 0, axisTo: 0, order: '' };

  const laneTop = (index: number) => LANE_GAP / 2 + index * (LANE_HEIGHT + LANE_GAP);

  const laneView = (name: string): LaneView | undefined => {
    let view = lanes.get(name);
    if (view || lanes.size >= MAX_DRAWN_LANES) return view;
    const group = svg('g', { class: 'tl-lane' });
    group.dataset['lane'] = name;
    const label = svg('text', { class: 'tl-label', y: LANE_HEIGHT / 2, 'dominant-baseline': 'central' });
    label.textContent = name;
    const track = svg('rect', { class: 'tl-track', height: LANE_HEIGHT });
    group.append(track, label);
    const paths = {} as LaneView['paths'];
    for (const state of TRACE_STATES) {
      const path = svg('path', { class: `tl-span tl-${state}` });
      if (state === 'blocked') path.setAttribute('fill', `url(#${patternId})`);
      group.append(path);
      paths[state] = { path, outline: '' };
    }
    lanesLayer.append(group);
    view = { group, label, track, paths, spans: [] };
    lanes.set(name, view);
    return view;
  };

  /** Takes a new span into its lane's drawing, not yet placed; none past the drawing limits. */
  const draw = (event: TraceEvent): boolean => {
    const view = laneView(event.lane);
    if (!view || drawnSpans >= MAX_DRAWN_SPANS) return false;
    view.spans.push(event);
    drawnSpans += 1;
    return true;
  };

  /** Positions spans: all of them after a layout change, else only the `fresh` ones. */
  const layout = (fresh: readonly TraceEvent[]) => {
    const boxWidth = chartBox.clientWidth;
    if (boxWidth === 0) return; // hidden or collapsed: laid out when it has a size
    // The drawing is laid out for 12 px type. Where the stylesheet gives the box a larger font
    // size (on a slide, in container units) it is laid out narrower and scaled up by the ratio,
    // so its labels grow with the slide like the terminal's text.
    const scale = Math.max(1, parseFloat(getComputedStyle(chartBox).fontSize) / 12 || 1);
    const width = boxWidth / scale;
    const ordered = timeline.lanes().filter((lane) => lanes.has(lane.name));
    const [first, last] = timeline.extent();
    const axisFrom = Math.min(0, first);
    const axisTo = axisFrom + axisEnd(last - axisFrom);
    const order = ordered.map((lane) => lane.name).join('\n');
    const changed = boxWidth !== laidOut.boxWidth || width !== laidOut.width || axisFrom !== laidOut.axisFrom || axisTo !== laidOut.axisTo || order !== laidOut.order;

    const longestLabel = Math.max(...ordered.map((lane) => lane.name.length), 4);
    const labelWidth = Math.min(Math.ceil(longestLabel * LABEL_CHAR_PX) + 10, Math.round(width * 0.35));
    const plotLeft = labelWidth;
    const plotRight = width - 6;
    const x = (ms: number) => plotLeft + ((ms - axisFrom) / (axisTo - axisFrom)) * (plotRight - plotLeft);
    // In lane coordinates: each lane's <g> is moved to its row. A span is a closed rectangle in
    // its state's path, at least a pixel wide; its row within the lane depends on its state.
    const touched = new Set<LaneView['paths'][TraceState]>();
    const place = (event: TraceEvent) => {
      const left = x(event.from);
      const width = Math.max(1, x(event.to) - left).toFixed(1);
      const { y, height } = spanShape(event.state, 0);
      const drawn = lanes.get(event.lane)!.paths[event.state];
      drawn.outline += `M${left.toFixed(1)} ${y}h${width}v${height}h-${width}z`;
      touched.add(drawn);
    };
    const paint = () => {
      for (const drawn of touched) drawn.path.setAttribute('d', drawn.outline);
    };

    if (!changed) {
      fresh.forEach(place);
      paint();
      return;
    }
    laidOut = { boxWidth, width, axisFrom, axisTo, order };
    const plotHeight = laneTop(ordered.length) - LANE_GAP / 2;
    chart.setAttribute('width', String(boxWidth));
    chart.setAttribute('height', String(Math.round((plotHeight + AXIS_HEIGHT) * scale)));
    chart.setAttribute('viewBox', `0 0 ${width} ${plotHeight + AXIS_HEIGHT}`);
    ordered.forEach((lane, index) => {
      const view = lanes.get(lane.name)!;
      view.group.setAttribute('transform', `translate(0 ${laneTop(index)})`);
      view.label.setAttribute('x', String(labelWidth - 8));
      // A name too long for the label column is cut; the summary below names it in full.
      const room = Math.floor((labelWidth - 10) / LABEL_CHAR_PX);
      view.label.textContent = lane.name.length > room ? `${lane.name.slice(0, Math.max(1, room - 1))}…` : lane.name;
      view.track.setAttribute('x', String(plotLeft));
      view.track.setAttribute('width', String(Math.max(0, plotRight - plotLeft)));
      for (const drawn of Object.values(view.paths)) {
        drawn.outline = '';
        touched.add(drawn);
      }
      view.spans.forEach(place);
    });
    paint();

    grid.replaceChildren();
    axis.replaceChildren(svg('line', { class: 'tl-axis-line', x1: plotLeft, x2: plotRight, y1: plotHeight + 0.5, y2: plotHeight + 0.5 }));
    const ticks = axisTicks(axisFrom, axisTo, Math.max(2, Math.floor((plotRight - plotLeft) / MIN_TICK_GAP_PX)));
    ticks.forEach((tick, index) => {
      const at = Math.round(x(tick)) + 0.5;
      grid.append(svg('line', { x1: at, x2: at, y1: 0, y2: plotHeight }));
      axis.append(svg('line', { class: 'tl-tick', x1: at, x2: at, y1: plotHeight, y2: plotHeight + 4 }));
      // Numbers only, but the last says "ms"; labels at the ends are kept inside the box.
      const text = index === ticks.length - 1 ? `${tick} ms` : String(tick);
      const halfWidth = (text.length * TICK_CHAR_PX) / 2;
      const anchor = at - halfWidth < 0 ? 'start' : at + halfWidth > width ? 'end' : 'middle';
      const label = svg('text', { class: 'tl-tick-label', x: at, y: plotHeight + 16, 'text-anchor': anchor });
      label.textContent = text;
      axis.append(label);
    });
  };

  const writeSummary = () => {
    summaryAt = performance.now();
    clearTimeout(summaryTimer);
    summaryTimer = undefined;
    const { sentences: facts, rows } = summarize(timeline);
    const said = timeline.spanCount() > 0 ? facts : [];
    const notes: string[] = [];
    if (lanes.size < rows.length) notes.push(`Only the first ${MAX_DRAWN_LANES} tasks are drawn.`);
    if (drawnSpans < timeline.spanCount()) notes.push(`Only the first ${MAX_DRAWN_SPANS} spans are drawn.`);
    if (notKept > 0) {
      notes.push(
        `${notKept.toLocaleString('en')} more trace events were not kept: a timeline keeps at most ${MAX_KEPT_EVENTS.toLocaleString('en')} events, of ${MAX_KEPT_LANES} tasks.`,
      );
    }
    if (malformed.length > 0) notes.push(`${malformed.length === 1 ? '1 trace line was' : `${malformed.length} trace lines were`} not a valid event and left out (the first: ${malformed[0]!.slice(0, 80)}).`);
    sentences.textContent = [...said, ...notes].join(' ');
    details.hidden = rows.length === 0;

    perLane.replaceChildren(
      ...rows.map((row) => {
        const item = document.createElement('li');
        item.textContent = describeLane(row);
        return item;
      }),
    );
  };

  const flush = () => {
    frame = 0;
    // A bounded share a frame, so a flood of trace lines is drawn over a few frames instead of
    // holding one (the page must draw a frame within 100 ms, whatever the demo prints).
    const batch = pending.splice(0, EVENTS_PER_FRAME);
    const fresh: TraceEvent[] = [];
    for (const event of batch) {
      timeline.add(event);
      if (draw(event)) fresh.push(event);
    }
    element.hidden = false;
    // Only malformed trace lines so far: the summary says so, and there is nothing to draw.
    chartBox.hidden = timeline.spanCount() === 0;
    layout(fresh);
    if (pending.length > 0) return schedule();
    // The run has ended and everything is drawn: the final summary.
    if (ended) return writeSummary();
    // The summary is recomputed a few times a second at most while events pour in.
    const wait = summaryAt + SUMMARY_EVERY_MS - performance.now();
    if (wait <= 0) writeSummary();
    else summaryTimer ??= setTimeout(writeSummary, wait);
  };

  const schedule = () => {
    frame ||= requestAnimationFrame(flush);
  };

  const resizes = new ResizeObserver(() => {
    if (!element.hidden && chartBox.clientWidth !== laidOut.boxWidth) layout([]);
  });
  resizes.observe(chartBox);

  return {
    element,
    start() {
      const mine = ++generation;
      ended = false;
      cancelAnimationFrame(frame);
      frame = 0;
      clearTimeout(summaryTimer);
      summaryTimer = undefined;
      summaryAt = 0;
      timeline = createTimeline();
      lanes = new Map();
      lanesLayer.replaceChildren();
      pending = [];
      malformed = [];
      keptLanes = new Set();
      notKept = 0;
      drawnSpans = 0;
      laidOut = { boxWidth: 0, width: 0, axisFrom: 0, axisTo: 0, order: '' };
      element.hidden = true;
      // A run that was stopped may still deliver output; only the current run's reaches the view.
      return {
        event(event) {
          if (mine !== generation) return;
          const full = timeline.spanCount() + pending.length >= MAX_KEPT_EVENTS;
          if (full || (!keptLanes.has(event.lane) && keptLanes.size >= MAX_KEPT_LANES)) notKept += 1;
          else {
            keptLanes.add(event.lane);
            pending.push(event);
          }
          schedule();
        },
        malformed(line) {
          if (mine !== generation) return;
          malformed.push(line);
          schedule();
        },
        end() {
          if (mine !== generation || (element.hidden && pending.length === 0 && malformed.length === 0)) return;
          ended = true;
          // What is left is drawn over the next frames; the last of them writes the summary.
          if (pending.length === 0) writeSummary();
          else schedule();
        },
      };
    },
    destroy() {
      generation++;
      cancelAnimationFrame(frame);
      clearTimeout(summaryTimer);
      resizes.disconnect();
    },
  };
}
