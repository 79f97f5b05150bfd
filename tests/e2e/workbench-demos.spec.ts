// The core demos, run for real in the worker runtime from the chapters that show them, and the
// timeline drawn from their trace lines. Output is asserted as a reader reads it (the terminal's
// rows, the timeline's words and bars); timing only by its shape, never to the millisecond, so
// the tests hold on a busy two-core machine.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { emptyStorageOncePerTest, longestMainThreadTaskMs, spansInOutline, startEditing } from './helpers.ts';
import { REACTOR_CALLBACKS_STORY } from '../demos/stories.ts';

const pages = {
  reactorCallbacks: '/chapters/twisted/?runtime=worker',
  coroutines: '/chapters/greenlets/?runtime=worker',
  blockingStall: '/chapters/largest-pitfall/?runtime=worker',
};
/** Client 8's report in demos/blocking-stall/main.js. */
const REPORT_MS = 200;
/** A run, on a loaded machine, with room to spare. */
const RUN_TIMEOUT = 30_000;

const workbench = (page: Page) => page.getByRole('region', { name: /^Demo: / });
const timeline = (page: Page) => page.getByRole('region', { name: /^Timeline of / });
const timelineSummary = (page: Page) => timeline(page).locator('.tl-summary > p');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

/** The rows xterm draws now (only those in its viewport), as text. */
const visibleRows = (page: Page) =>
  page.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((row) => row.textContent!.replace(/\u00a0/g, ' ')));

/**
 * Every row of the terminal. xterm draws only the rows in view, and a reader scrolls for the rest;
 * the tests make the terminal tall enough (see tallTerminal) for a whole run to be in view at once.
 */
async function terminalRows(page: Page): Promise<string[]> {
  await page.locator('.wb-terminal').scrollIntoViewIfNeeded();
  const rows = await visibleRows(page);
  while (rows.at(-1)?.trim() === '') rows.pop();
  return rows;
}

/** A terminal taller than the page gives it (the fit addon follows its box), so no row of a run is scrolled out of view. */
const tallTerminal = (page: Page) => page.addStyleTag({ content: 'body .wb-terminal { height: 64rem; }' });

/** What the terminal shows, one row per line. */
const terminalText = async (page: Page) => (await terminalRows(page)).map((row) => row.trimEnd()).join('\n');

/**
 * The terminal's rows run together, for lines longer than its width: xterm wraps them over two
 * rows (keeping the space at the wrap), and the DOM does not say which rows were one line.
 */
const terminalFlat = async (page: Page) => (await terminalRows(page)).join('');

async function runToEnd(page: Page): Promise<string> {
  // The terminal follows the output, so the end shows in view.
  await page.locator('.wb-terminal').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await visibleRows(page)).join('\n'), { timeout: RUN_TIMEOUT }).toMatch(/\[exited with code \d+\]/);
  return terminalText(page);
}

async function openAndRun(page: Page, path: string): Promise<string> {
  await page.goto(path);
  await tallTerminal(page);
  await runButton(page).click();
  return runToEnd(page);
}

/** Replaces the whole of a file in the editor, typed as a reader would, and runs it. */
async function editAndRun(page: Page, file: string, code: string): Promise<string> {
  await startEditing(page);
  await page.getByRole('tab', { name: file }).click();
  await page.getByRole('textbox', { name: `Edit ${file}` }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await runButton(page).click();
  // The old output is cleared at once; wait for this run's end.
  return runToEnd(page);
}

/** The lane labels drawn in the timeline, top to bottom. */
const laneNames = (page: Page) => timeline(page).locator('.tl-lane').evaluateAll((lanes) => lanes.map((lane) => (lane as SVGGElement).dataset['lane']!));

type Bar = [left: number, right: number];

/**
 * Per lane, the bars of one state as drawn, in pixels from the chart's left: spans that touch
 * are one bar to the eye, so they are joined.
 */
async function bars(page: Page, state: 'running' | 'waiting' | 'blocked'): Promise<Record<string, Bar[]>> {
  const outlines = await timeline(page)
    .locator('.tl-lane')
    .evaluateAll((lanes, state) => lanes.map((lane) => [(lane as SVGGElement).dataset['lane']!, lane.querySelector(`.tl-span.tl-${state}`)?.getAttribute('d') ?? null] as const), state);
  const byLane: Record<string, Bar[]> = {};
  for (const [lane, outline] of outlines) {
    const joined: Bar[] = [];
    const rects = spansInOutline(outline).map(({ left, width }) => [left, left + width] as Bar);
    for (const [left, right] of rects.sort((a, b) => a[0] - b[0])) {
      const last = joined.at(-1);
      if (last && left <= last[1] + 1) last[1] = Math.max(last[1], right);
      else joined.push([left, right]);
    }
    byLane[lane] = joined;
  }
  return byLane;
}

const widest = (laneBars: Bar[] = []) => Math.max(0, ...laneBars.map(([left, right]) => right - left));
const overlapWith = (laneBars: Bar[] = [], [from, to]: Bar) => laneBars.reduce((sum, [left, right]) => sum + Math.max(0, Math.min(right, to) - Math.max(left, from)), 0);

/** "max N ms" of clients 1-7 in the line blocking-stall prints for one mode (in the flat text). */
function maxLatency(flat: string, mode: string): number {
  const match = new RegExp(`${mode}\\s+clients 1-7: median \\d+ ms, max (\\d+) ms; the report took \\d+ ms`).exec(flat);
  expect(match, `a "${mode}" line in:\n${flat}`).not.toBeNull();
  return Number(match![1]);
}

/** Milliseconds per pixel on the timeline's axis, from its tick labels. */
async function msPerPixel(page: Page): Promise<number> {
  const ticks = await timeline(page)
    .locator('.tl-tick-label')
    .evaluateAll((labels) => labels.map((label) => ({ x: Number(label.getAttribute('x')), ms: Number.parseFloat(label.textContent!) })));
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  const [first, last] = [ticks[0]!, ticks.at(-1)!];
  return (last.ms - first.ms) / (last.x - first.x);
}

/** The longest blocked stretch the summary reports, 0 when it says no task was blocked. */
async function longestBlocked(page: Page): Promise<number> {
  const text = (await timelineSummary(page).textContent()) ?? '';
  if (text.includes('No task was blocked.')) return 0;
  const match = /Longest blocked stretch: ([\d.]+) ms \(/.exec(text);
  expect(match, text).not.toBeNull();
  return Number(match![1]);
}

const clients = Array.from({ length: 7 }, (_, i) => `client ${i + 1}`);

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

test('reactor-callbacks: fetches two resources, combines them, and the errback handles the failed one', async ({ page }) => {
  const output = await openAndRun(page, pages.reactorCallbacks);
  // In this order, each line stamped with the ms since the start.
  const shown = output.split('\n').flatMap((line) => /^\s*\d+ ms {2}(.*)$/.exec(line)?.[1] ?? []);
  expect(shown).toEqual(REACTOR_CALLBACKS_STORY);
  expect(output).toContain('[exited with code 0]');
  expect(output).not.toContain('#trace');
  await expect(workbench(page).getByText('Ran in a Web Worker, as the address (?runtime=worker) asked.')).toBeVisible();

  // Its fetches were traced: one lane each, spent waiting, never blocked.
  await expect(timeline(page)).toBeVisible();
  expect(await laneNames(page)).toEqual(['fetch user', 'fetch posts', 'fetch ads']);
  await expect(timelineSummary(page)).toHaveText(/^3 tasks traced over \d+ ms\. No task was blocked\.$/);
});

test('a run that prints no trace lines shows no timeline, and the last run’s is gone', async ({ page }) => {
  await openAndRun(page, pages.reactorCallbacks);
  await expect(timeline(page)).toBeVisible();
  const output = await editAndRun(page, 'main.js', 'console.log("no trace here");');
  expect(output).toContain('no trace here');
  await expect(timeline(page)).toBeHidden();
  await expect(page.locator('.tl-lane')).toHaveCount(0);
});

test('coroutines: the same page with async/await, then greenlets taking turns through the hub', async ({ page }) => {
  const output = await openAndRun(page, pages.coroutines);
  expect(output).toContain('combine: ada has 3 posts');
  expect(output).toContain('catch: ads: 503 Unavailable; no ads');
  expect(output).toContain('render: page for ada with 3 posts');
  // The hub's interleaving: C never sleeps, so it takes its turns at once, between the first
  // turns of A and B; then A (every 100 ms) and B (every 140 ms) wake by their timers.
  const part2 = output.slice(output.indexOf('--- part 2'));
  const turns = part2.split('\n').flatMap((line) => /^\s*\d+ ms {2}(.*)$/.exec(line)?.[1] ?? []);
  expect(turns.slice(0, 9)).toEqual(['C: step 1', 'A: step 1', 'B: step 1', 'C: step 2', 'C: step 3', 'hub: C finished', 'A: step 2', 'B: step 2', 'A: step 3']);
  // B's last nap ends at about 283 ms and A's at about 303: a busy machine can swap those two.
  expect(turns.slice(9, 11).toSorted()).toEqual(['hub: A finished', 'hub: B finished']);
  expect(turns.slice(11)).toEqual(['hub: nothing left to run']);
  expect(output).toContain('[exited with code 0]');
  await expect(timeline(page)).toBeVisible();
  expect((await laneNames(page)).toSorted()).toEqual(['A', 'B', 'fetch ads', 'fetch posts', 'fetch user']);
});

test('the code a reader reaches for opens in the editor, and the arrow keys move between files', async ({ page }) => {
  await page.goto(pages.coroutines);
  // The second file's static view, opened and clicked: the editor opens on that file.
  const second = page.locator('demo-embed .demo-file[data-path="greenlets.js"]');
  await second.locator('summary').click();
  await second.locator('pre').first().click();
  await expect(page.getByRole('textbox', { name: 'Edit greenlets.js' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'greenlets.js' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'greenlets.js' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'clock.js' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Edit clock.js' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'main.js' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'clock.js' })).toHaveAttribute('aria-selected', 'true');
});

test('edit a demo and run it again: an added greenlet takes its turns and gets its own lane', async ({ page }) => {
  await openAndRun(page, pages.coroutines);
  const original = readFileSync('demos/coroutines/greenlets.js', 'utf8');
  const spawnB = "hub.spawn('B', client, 'B', 140, 2);";
  expect(original).toContain(spawnB);
  const output = await editAndRun(page, 'greenlets.js', original.replace(spawnB, `${spawnB}\nhub.spawn('D', client, 'D', 60, 2);`));
  expect(output).toMatch(/^\s*\d+ ms {2}D: step 1$/m);
  expect(output).toMatch(/^\s*\d+ ms {2}D: step 2$/m);
  expect(output).toContain('hub: D finished');
  await expect.poll(() => laneNames(page)).toContain('D');
});

test.describe('blocking-stall', () => {
  // A real stall blocks every client for the whole report, every time: the bounds below are the
  // report's own length, which a busy machine can only make longer.
  test('the stalled clients are seen blocked on the timeline, and a cure makes the blocking go', async ({ page }) => {
    test.setTimeout(90_000);
    // As shipped it runs all three modes: the stall, then the two cures.
    await openAndRun(page, pages.blockingStall);
    const output = await terminalFlat(page);
    expect(output).toContain(`Client 8: a ${REPORT_MS} ms report.`);
    const stalled = maxLatency(output, 'stall');
    expect(stalled).toBeGreaterThanOrEqual(REPORT_MS * 0.75);
    expect(maxLatency(output, 'yield')).toBeGreaterThan(0);
    expect(maxLatency(output, 'thread')).toBeGreaterThan(0);
    expect(output).not.toContain('#trace');

    // One lane per task: the seven light clients, client 8, and the thread the report moves to.
    await expect(timeline(page)).toBeVisible();
    expect((await laneNames(page)).toSorted()).toEqual([...clients, 'client 8', 'worker thread']);
    // Every light client shows a blocked bar as long as most of the report, and client 8 a running one.
    const msPerPx = await msPerPixel(page);
    const blocked = await bars(page, 'blocked');
    for (const client of clients) expect(widest(blocked[client]) * msPerPx, client).toBeGreaterThan(0.6 * REPORT_MS);
    expect(widest((await bars(page, 'running'))['client 8']) * msPerPx).toBeGreaterThan(0.75 * REPORT_MS);
    // ...and the summary says so in words.
    const summary = (await timelineSummary(page).textContent()) ?? '';
    const culprit = /While client 8 ran for (\d+) ms without a break \(from [\d.]+ to [\d.]+ ms\), 7 other tasks were blocked, for up to (\d+) ms\./.exec(summary);
    expect(culprit, summary).not.toBeNull();
    expect(Number(culprit![1])).toBeGreaterThanOrEqual(REPORT_MS * 0.75);
    expect(Number(culprit![2])).toBeGreaterThanOrEqual(REPORT_MS * 0.6);
    expect(await longestBlocked(page)).toBeGreaterThanOrEqual(REPORT_MS * 0.6);

    // The cure a reader can rely on anywhere: the report on another thread. One line of the demo picks it.
    const code = readFileSync('demos/blocking-stall/main.js', 'utf8');
    expect(code).toContain("const MODE = 'all';");
    await editAndRun(page, 'main.js', code.replace("const MODE = 'all';", "const MODE = 'thread';"));
    const cured = await terminalFlat(page);
    expect(cured).not.toMatch(/(stall|yield) +clients/);
    // Its latencies are printed, but not compared: a busy machine can stall a whole run for a
    // moment (it shows as a block in every lane at once, at the start); the timeline tells the
    // report's doing apart from that.
    expect(maxLatency(cured, 'thread')).toBeGreaterThan(0);
    // The timeline now holds this run alone: client 8 only waits for its thread, which does the running...
    await expect.poll(async () => (await laneNames(page)).toSorted()).toEqual([...clients, 'client 8', 'worker thread']);
    const curedRunning = await bars(page, 'running');
    expect(curedRunning['client 8']).toEqual([]);
    expect(curedRunning['worker thread']).toHaveLength(1);
    const report = curedRunning['worker thread']![0]!;
    expect((report[1] - report[0]) * (await msPerPixel(page))).toBeGreaterThan(0.75 * REPORT_MS);
    // ...and while the report runs there, no client is blocked for most of it: no stall, in bars or in words.
    const curedBlocked = await bars(page, 'blocked');
    for (const client of clients) expect(overlapWith(curedBlocked[client], report), client).toBeLessThan(0.75 * (report[1] - report[0]));
  });
});

test('thousands of trace lines, a malformed one among them, neither break the run nor freeze the page', async ({ page }) => {
  await openAndRun(page, pages.reactorCallbacks);
  // In bursts a frame apart: the runtime's output batcher keeps only the newest output of a
  // frame when more arrives than a terminal could show, and every trace line must arrive here.
  const code = [
    "console.log('#trace not json');",
    "const states = ['running', 'waiting', 'blocked'];",
    'for (let burst = 0; burst < 40; burst++) {',
    '  for (let i = burst * 500; i < (burst + 1) * 500; i++) {',
    "    console.log('#trace ' + JSON.stringify({ lane: 'task ' + (i % 50), from: i, to: i + 0.5, state: states[i % 3] }));",
    '  }',
    '  await new Promise((resolve) => setTimeout(resolve, 40));',
    '}',
    "console.log('all traced');",
  ].join('\n');
  await startEditing(page);
  await page.getByRole('textbox', { name: 'Edit main.js' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  // While the traces pour in, until the last summary is written, no task of the page's own holds
  // its thread for 100 ms, within which it must draw the next frame. (Drawn as one <rect> a span
  // and summed lane against lane, its longest task took 155-200 ms.) From just after the click:
  // starting a run is not what is measured here.
  await runButton(page).click();
  const longestTask = await longestMainThreadTaskMs(page, () =>
    expect(timelineSummary(page)).toContainText('50 tasks traced over 20000 ms.', { timeout: RUN_TIMEOUT }),
  );
  expect(longestTask).toBeLessThan(100);
  const output = await runToEnd(page);
  expect(output).toContain('all traced');
  expect(output).toContain('[exited with code 0]');
  await expect(timelineSummary(page)).toContainText('50 tasks traced over 20000 ms.');
  await expect(timelineSummary(page)).toContainText('Only the first 40 tasks are drawn.');
  await expect(timelineSummary(page)).toContainText('Only the first 5000 spans are drawn.');
  await expect(timelineSummary(page)).toContainText('1 trace line was not a valid event and left out (the first: #trace not json).');
  expect(await laneNames(page)).toHaveLength(40);
  const outlines = await timeline(page).locator('.tl-span').evaluateAll((paths) => paths.map((path) => path.getAttribute('d')));
  expect(outlines.reduce((sum, outline) => sum + spansInOutline(outline).length, 0)).toBe(5000);
});

test('the timeline fits a phone, with no sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await openAndRun(page, pages.blockingStall);
  await expect(timeline(page)).toBeVisible();
  await timeline(page).getByText('Time per task').click();
  await expect(timeline(page).getByRole('listitem').filter({ hasText: /^client 8: running \d+ ms/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const chart = await timeline(page).getByRole('img').boundingBox();
  const region = await timeline(page).boundingBox();
  expect(chart!.x + chart!.width).toBeLessThanOrEqual(region!.x + region!.width + 0.5);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the timeline, its details open (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openAndRun(page, pages.blockingStall);
    await timeline(page).getByText('Time per task').click();
    await expect(timeline(page).getByRole('listitem').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).include('.wb-timeline').analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
  });
}
