import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { currentSlide, expectAt, press } from './deck-helpers.ts';
import { emptyStorageOncePerTest } from './helpers.ts';

// The slide of chapter 9 that holds <Demo id="blocking-stall" />, run in the Web Worker.
const slideHash = '#/largest-pitfall/4';
const slideTitle = 'Demo: the stall, and two cures';
const nextTitle = 'Demo: the real gevent stall';
const audienceUrl = `/deck/?runtime=worker${slideHash}`;

const workbench = (page: Page) => currentSlide(page).getByRole('region', { name: /^Demo: / });
const editor = (page: Page) => currentSlide(page).getByRole('textbox', { name: 'Edit main.js' });
const runButton = (page: Page) => currentSlide(page).getByRole('button', { name: 'Run', exact: true });
const mirror = (page: Page) => currentSlide(page).getByRole('region', { name: /^Mirror of the demo/ });

/** What the terminal shows, one line per row (xterm's DOM renderer draws rows as divs). */
const terminalText = (page: Page) =>
  currentSlide(page)
    .locator('.xterm-rows')
    .evaluate((rows) => [...rows.children].map((row) => row.textContent!.replace(/\u00a0/g, ' ').trimEnd()).join('\n'));

/**
 * Tabs from the deck until `target` has focus, as a keyboard-only presenter would: one who,
 * tabbing into the code, waits for the editor it opens before going on.
 */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, most = 12) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.closest('.demo-static pre') != null)) await expect(editor(page)).toBeFocused();
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${most} presses of Tab never reached the target`);
}

/**
 * Everything of the workbench that shows lies inside the slide's box (the slide clips what
 * spills, so a part pushed out of it would be cut off, not scrolled to), and the slide's own
 * content does not run past its bottom.
 */
async function overflowing(page: Page): Promise<string[]> {
  return currentSlide(page).evaluate((slide) => {
    const box = slide.getBoundingClientRect();
    const parts = slide.querySelectorAll<HTMLElement>(
      '.deck-slide-title, .workbench, .workbench > *:not([hidden]), .wb-tabs [role=tab], .wb-button, .cm-editor, .cm-scroller, .xterm-screen',
    );
    const out = [...parts].flatMap((part) => {
      const r = part.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return [];
      const inside = r.left >= box.left - 1 && r.top >= box.top - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1;
      return inside ? [] : [`${part.className || part.tagName}: ${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)}`];
    });
    const inner = slide.querySelector<HTMLElement>('.deck-slide-inner')!;
    if (inner.scrollHeight > inner.clientHeight + 1) out.push(`the slide's content is ${inner.scrollHeight - inner.clientHeight} px taller than the slide`);
    return out;
  });
}

/** Opens the slide's editor (Run alone shows the page's own highlighted code). */
async function editOnSlide(page: Page, file = 'main.js') {
  await currentSlide(page).getByRole('button', { name: 'Edit code' }).click();
  await expect(currentSlide(page).getByRole('textbox', { name: `Edit ${file}` })).toBeFocused();
}

const fontSizes = (page: Page) =>
  currentSlide(page).evaluate((slide) => ({
    editor: parseFloat(getComputedStyle(slide.querySelector('.cm-content')!).fontSize),
    terminal: parseFloat(getComputedStyle(slide.querySelector('.xterm-rows')!).fontSize),
  }));

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

test('a presenter runs the demo from the keyboard, types in the editor without moving the deck, and Esc then → moves on', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(audienceUrl);
  await expectAt(page, slideHash, slideTitle);

  // Nothing edited: the slide shows the code as it is, unmarked.
  await expect(currentSlide(page).locator('.demo-edited')).toBeHidden();
  await tabTo(page, runButton(page));
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain('[exited with code 0]');
  const output = await terminalText(page);
  expect(output).toMatch(/stall {2}clients 1-7: median \d+ ms/);
  expect(output).not.toContain('#trace');
  await expect(workbench(page).getByText('Ran in a Web Worker, as the address (?runtime=worker) asked.')).toBeVisible();
  // The focus stayed on the demo through the run: the Run button is back, and has it.
  await expect(runButton(page)).toBeFocused();

  // Keys typed in the editor are the editor's: arrows, Space, n, p, Home and End move nothing.
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('// on stage: n p o g b f t\n');
  await press(page, 'ArrowRight', 'ArrowDown', 'PageDown', ' ', 'End', 'Home', 'ArrowLeft', 'ArrowUp');
  await expectAt(page, slideHash, slideTitle);
  // (PageDown scrolled the editor, which draws only the lines in view: back to the top.)
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(editor(page)).toContainText('// on stage: n p o g b f t');
  await expect(page.locator('[data-deck][data-overview]')).toHaveCount(0);
  await expect(page.locator('[data-deck-blackout]')).toBeHidden();

  // Esc leaves the editor and gives the keys back to the deck.
  await page.keyboard.press('Escape');
  await expect(editor(page)).not.toBeFocused();
  await press(page, 'ArrowRight');
  await expectAt(page, '#/largest-pitfall/5', nextTitle);
});

test('after Run, a clicker goes on without Esc, and the run goes on while the talk moves away and back', async ({ page }) => {
  await page.goto(audienceUrl);
  await expectAt(page, slideHash, slideTitle);
  await runButton(page).focus();
  await page.keyboard.press('Space');
  // While it runs, Stop has the focus; a workbench button keeps only Space and Enter.
  const stop = currentSlide(page).getByRole('button', { name: 'Stop' });
  await expect(stop).toBeFocused();
  await press(page, 'PageDown');
  await expectAt(page, '#/largest-pitfall/5', nextTitle);
  await press(page, 'PageUp');
  await expectAt(page, slideHash, slideTitle);
  // The run was not stopped by the slide change: it finishes with all three results.
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain('[exited with code 0]');
  const output = await terminalText(page);
  expect(output).not.toContain('[stopped]');
  // The slide's terminal shows its last rows; the whole run is in the timeline: the stall's
  // lanes (client 8 holding the others up) and the thread cure's worker lane.
  expect(output).toMatch(/thread clients 1-7: median \d+ ms/);
  const timeline = currentSlide(page).getByRole('region', { name: /^Timeline of / });
  await expect(timeline.locator('.tl-summary > p')).toContainText(/While client 8 ran for \d+ ms without a break/);
  await expect(timeline.locator('.tl-lane[data-lane="worker thread"]')).toHaveCount(1);
});

// The demos on slides: the stall in the worker, the thread pool (a Node-only demo) replayed,
// whose runtime sentence is the longest the status line shows, and the others replayed.
for (const { url, name, run, file } of [
  { url: audienceUrl, name: 'blocking-stall' },
  { url: '/deck/?runtime=replay#/nodejs/6', name: 'node-threadpool' },
  // The real gevent stall, the chat and many-clients, replayed as on a static host.
  { url: '/deck/?runtime=replay#/largest-pitfall/5', name: 'gevent_blocking_stall', run: 'Run gevent_blocking_stall.py', file: 'gevent_blocking_stall.py' },
  { url: '/deck/?runtime=replay#/comet-chat/6', name: 'comet-chat', file: 'server.js' },
  { url: '/deck/?runtime=replay#/why-async/10', name: 'many-clients', file: 'server.js' },
] as { url: string; name: string; run?: string; file?: string }[]) {
  test(`${name}'s workbench fits the 16:9 slide at 1280×720 and 1920×1080, with projector-sized type that follows the slide`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(url);
    await currentSlide(page).getByRole('button', { name: run ?? 'Run', exact: true }).click();
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain('[exited with code 0]');
    // It fits with the page's own code, and with the editor that replaces it.
    expect(await overflowing(page)).toEqual([]);
    await editOnSlide(page, file);
    expect(await overflowing(page)).toEqual([]);
    const small = await fontSizes(page);

    // The window grows (a projector, fullscreen): the type grows with the slide, and the
    // terminal is refitted to it, not left at the size it was opened at.
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Why 20 px: text on a projected 1080p screen should be at least about 1/50 of its height to
    // be read from the back of a room; CodeMirror's and xterm's 14 px is 1/77.
    await expect.poll(async () => (await fontSizes(page)).terminal).toBeGreaterThanOrEqual(20);
    const large = await fontSizes(page);
    expect(large.editor).toBeGreaterThanOrEqual(20);
    expect(large.editor / small.editor).toBeCloseTo(1920 / 1280, 1);
    expect(await overflowing(page)).toEqual([]);
    // Refitting keeps the output: it is still there, drawn at the new size.
    expect(await terminalText(page)).toContain('[exited with code 0]');
    // The timeline's lane labels grow with the slide too (drawn at 12 px, scaled up).
    if (name === 'blocking-stall' || name === 'gevent_blocking_stall') {
      const label = currentSlide(page).locator('.tl-label').first();
      await expect.poll(async () => (await label.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(17);
    }
  });
}

test('axe finds no violations on the slide with the workbench open, in each deck theme', async ({ page }) => {
  await page.goto(audienceUrl);
  await runButton(page).click();
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain('[exited with code 0]');
  await editOnSlide(page);
  for (const theme of ['dark', 'light', 'contrast']) {
    await page.evaluate((name) => (document.documentElement.dataset['deckTheme'] = name), theme);
    const results = await new AxeBuilder({ page }).include('[data-deck-slide][data-current]').analyze();
    expect(results.violations.map((violation) => `${theme} ${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
  }
});

test('the presenter view mirrors the demo read-only, runs nothing itself, and catches up after a reload mid-run', async ({ context }) => {
  // Two windows, two runs and a reload, on machines shared with other test runs.
  test.setTimeout(60_000);
  const audience = await context.newPage();
  const presenter = await context.newPage();
  const workers = { audience: 0, presenter: 0 };
  audience.on('worker', () => workers.audience++);
  presenter.on('worker', () => workers.presenter++);
  const presenterScripts: string[] = [];
  presenter.on('request', (request) => request.resourceType() === 'script' && presenterScripts.push(request.url()));

  await audience.goto(audienceUrl);
  await presenter.goto('/deck/presenter/');
  await expectAt(presenter, slideHash, slideTitle);
  // Before the audience window opens the demo, the presenter shows the slide as it is, but its
  // Run cannot be reached: the demo is the audience window's to run.
  await expect(currentSlide(presenter).locator('demo-embed[data-demo="blocking-stall"]')).toBeVisible();
  expect(await currentSlide(presenter).locator('demo-embed[data-demo="blocking-stall"]').evaluate((embed) => (embed as HTMLElement).inert)).toBe(true);

  await runButton(audience).click();
  await expect.poll(() => terminalText(audience), { timeout: 15_000 }).toContain('[exited with code 0]');
  // The speaker edits in the audience window: the presenter sees the edit.
  await editOnSlide(audience);
  await audience.keyboard.press('ControlOrMeta+Home');
  await audience.keyboard.type('// edited in front of the room\n');

  const view = mirror(presenter);
  await expect(view).toBeVisible();
  await expect(view).toContainText('// edited in front of the room');
  await expect(view).toContainText('const CLIENTS = 7;');
  await expect(view.locator('.demo-mirror-output')).toContainText(/stall {2}clients 1-7: median \d+ ms/);
  await expect(view.locator('.demo-mirror-output')).toContainText('[exited with code 0]');
  await expect(view.locator('.demo-mirror-output')).not.toContainText('#trace');
  await expect(view).toContainText('Ran in a Web Worker, as the address (?runtime=worker) asked.');
  await expect(currentSlide(presenter).locator('demo-embed[data-demo="blocking-stall"]')).toBeHidden();

  // Output that never ends, 5,000 lines a second: the presenter view reloads in the middle of it.
  await editor(audience).click();
  await audience.keyboard.press('ControlOrMeta+a');
  await audience.keyboard.press('Delete');
  await audience.keyboard.insertText('let n = 0;\nsetInterval(() => { for (let i = 0; i < 50; i++) console.log("line " + ++n); }, 10);\n');
  await runButton(audience).click();
  await expect.poll(() => terminalText(audience), { timeout: 15_000 }).toMatch(/line \d{4,}/);
  await presenter.reload();
  await expectAt(presenter, slideHash, slideTitle);
  const output = mirror(presenter).locator('.demo-mirror-output');
  await expect(mirror(presenter)).toContainText('Running in the audience window.');
  await expect(output).toContainText('earlier output dropped');
  // It keeps up with the run (the last line number grows) and keeps only the tail.
  const lastLine = async () => Number((await output.textContent())!.match(/line (\d+)\s*$/)?.[1] ?? 0);
  const first = await lastLine();
  await expect.poll(lastLine).toBeGreaterThan(first);
  expect((await output.textContent())!.length).toBeLessThanOrEqual(16_100);

  await currentSlide(audience).getByRole('button', { name: 'Stop' }).click();
  await expect(output).toContainText('[stopped]');
  await expect(mirror(presenter)).toContainText('Mirrored from the audience window');

  // The demo ran in the audience window only: its runs made workers there, none here, and the
  // presenter view never fetched the workbench (editor, terminal, runtimes).
  expect(workers.audience).toBeGreaterThan(0);
  expect(workers.presenter).toBe(0);
  expect(presenterScripts.filter((url) => /workbench|codemirror|xterm|runtime/i.test(url))).toEqual([]);
  expect(await presenter.locator('.cm-editor, .xterm').count()).toBe(0);

  const results = await new AxeBuilder({ page: presenter }).include('[data-deck-slide][data-current]').analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);

  // The audience window reloads: its workbench is gone, and the presenter stops showing a
  // mirror of something the room no longer sees.
  await audience.reload();
  await expectAt(audience, slideHash, slideTitle);
  await expect(mirror(presenter)).toBeHidden();
  await expect(currentSlide(presenter).locator('demo-embed[data-demo="blocking-stall"]')).toBeVisible();
});
