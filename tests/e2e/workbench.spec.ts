import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Response } from '@playwright/test';
import { emptyStorageOncePerTest } from './helpers.ts';

const chapter = '/chapters/twisted/';
const forced = `${chapter}?runtime=worker`;

const workbench = (page: Page) => page.getByRole('region', { name: /^Demo: / });
const editor = (page: Page) => page.getByRole('textbox', { name: 'Edit main.js' });

/**
 * What the terminal shows, one line per row (xterm's DOM renderer draws rows as divs). xterm
 * pauses drawing while the terminal is off screen, so it is scrolled into view first.
 */
const terminalText = async (page: Page) => {
  await page.locator('.wb-terminal').scrollIntoViewIfNeeded();
  return page.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((row) => row.textContent!.replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
};

/** Replaces the whole of main.js with `code`, typed as a reader would. */
async function typeCode(page: Page, code: string) {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

async function openAndRun(page: Page, path = forced) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(editor(page)).toBeVisible();
}

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

test('before use, a chapter with a demo loads no workbench JS, and the loader is small', async ({ page }) => {
  const scripts: { url: string; gz: number }[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    // Counted by URL at once; the size follows (a body can be gone if the page closes first).
    const entry = { url: response.url(), gz: 0 };
    scripts.push(entry);
    response.body().then((body) => (entry.gz = gzipSync(body).length), () => {});
  };
  page.on('response', onResponse);
  await page.goto(chapter);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('demo-embed .demo-static')).toBeVisible();
  await expect.poll(() => scripts.every((s) => s.gz > 0)).toBe(true);
  const before = scripts.map((s) => ({ ...s }));
  // 0 bytes of workbench before use: no editor, terminal or runtime code.
  expect(before.map((s) => s.url).filter((url) => /workbench|codemirror|xterm|runtime/i.test(url))).toEqual([]);
  expect(await page.locator('.cm-editor, .xterm').count()).toBe(0);
  // The loader is one small script inlined in the page: no request, and no preload helper
  // (the workbench is started by a module script, not import(); see vite-workbench-url.ts).
  const loaders = await page.locator('script:not([src]):not([type="application/json"])').evaluateAll((scripts) =>
    scripts.map((script) => script.textContent ?? '').filter((text) => text.includes('demo-embed')),
  );
  expect(loaders).toHaveLength(1);
  expect(gzipSync(loaders[0]!).length).toBeLessThanOrEqual(512);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(editor(page)).toBeVisible();
  expect(scripts.length).toBeGreaterThan(before.length);
  page.off('response', onResponse);
});

test('Run on reactor-callbacks shows its output in the terminal and which runtime ran it', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  const text = await terminalText(page);
  expect(text).toContain('callback combine: ada has 3 posts');
  expect(text).toContain('[exited with code 0]');
  // Trace lines are for the timeline, not the reader.
  expect(text).not.toContain('#trace');
  await expect(workbench(page).getByText('Ran in a Web Worker, as the address (?runtime=worker) asked.')).toBeVisible();
  // A screen reader finds the output too, line by line (xterm's own rows are hidden from it).
  const output = page.getByRole('region', { name: /^Output of / });
  await expect(output.getByRole('listitem').filter({ hasText: 'callback combine: ada has 3 posts' })).toHaveCount(1);
  await expect(output.getByRole('textbox', { name: 'Output, read only' })).toHaveCount(1);
});

test('the recorded run is fetched only when the replay runtime runs, then plays', async ({ page }) => {
  const transcripts: string[] = [];
  page.on('request', (request) => void (request.url().endsWith('/replay.json') && transcripts.push(request.url())));
  await page.goto(`${chapter}?runtime=replay`);
  await page.waitForLoadState('networkidle');
  // A reader who never runs the demo does not pay for its transcript, in a request or in the page.
  expect(transcripts).toEqual([]);
  expect(await page.locator('script[data-demo-files]').textContent()).not.toContain('"events"');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  expect(await terminalText(page)).toContain('callback combine: ada has 3 posts');
  await expect(workbench(page).getByText(/^Ran in a replay of a recorded Node\.js run, as the address \(\?runtime=replay\) asked\./)).toBeVisible();
  expect(transcripts.map((url) => new URL(url).pathname)).toEqual(['/demos/reactor-callbacks/replay.json']);
});

test('a recorded run that cannot be fetched is explained, and another runtime runs the demo', async ({ page }) => {
  // The preview is cross-origin isolated, so WebContainer is tried next and times out (20 s).
  test.setTimeout(60_000);
  await page.route('**/replay.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await openAndRun(page, `${chapter}?runtime=replay`);
  // Said in the terminal first (compared without whitespace: it wraps over rows) while the next
  // runtime is tried; the demo's own output follows and scrolls it away.
  const unwrapped = (text: string) => text.replace(/\s+/g, '');
  const message = unwrapped('Cannot replay: the recorded run (/demos/reactor-callbacks/replay.json) could not be fetched: the server answered 404 Not Found');
  await expect.poll(async () => unwrapped(await terminalText(page))).toContain(message);
  await expect.poll(() => terminalText(page), { timeout: 40_000 }).toContain('reactor stopped');
  await expect(workbench(page).getByText(/^Ran in a Web Worker: it could not run it \(Cannot replay: .+ 404 Not Found\), so it cannot be replayed;/)).toBeVisible();
});

test('without ?runtime, the page says which runtime ran the demo and why', async ({ page }) => {
  // The preview is cross-origin isolated, so WebContainer is tried first; its servers are out of
  // reach here, so its boot times out (20 s) and the worker runs the demo.
  test.setTimeout(60_000);
  await openAndRun(page, chapter);
  await expect.poll(() => terminalText(page), { timeout: 40_000 }).toContain('reactor stopped');
  // Debian's Chromium here cannot boot WebContainer; the sentence must say so and why.
  await expect(workbench(page).getByText(/^Ran in a Web Worker: .+, so WebContainer cannot boot\.$/)).toBeVisible();
});

test('an edit persists across reload, runs as edited, and Reset restores the original', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await typeCode(page, 'console.log("edited " + (6 * 7));');
  // Esc leaves the editor (keys inside it belong to it, so this is the way out).
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  await expect(workbench(page)).toHaveAttribute('data-deck-keys', 'own');
  await page.reload();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(editor(page)).toContainText('console.log("edited " + (6 * 7));');
  await expect.poll(() => terminalText(page)).toContain('edited 42');
  expect(await terminalText(page)).not.toContain('reactor stopped');

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(editor(page)).toContainText('reactor');
  await page.reload();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await expect(editor(page)).not.toContainText('edited');
});

test('a syntax error shows a clear error in the terminal', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await typeCode(page, 'const x = ;\n');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('SyntaxError in main.js');
  expect(await terminalText(page)).toContain('The program did not start.');
});

test('Stop ends an infinite loop within 200 ms and the page stays responsive', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await typeCode(page, 'while(true){}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const stop = page.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeEnabled();
  await page.waitForTimeout(300);
  // The loop spins in the worker; the page still answers at once.
  const started = Date.now();
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(Date.now() - started).toBeLessThan(1000);
  // Measured inside the page: from the click to the Run button coming back (the run settled).
  const elapsed = await page.evaluate(async () => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.wb-button')];
    const [run, stopButton] = [buttons.find((b) => b.textContent === 'Run')!, buttons.find((b) => b.textContent === 'Stop')!];
    const clicked = performance.now();
    stopButton.click();
    while (run.disabled) await new Promise((resolve) => setTimeout(resolve, 5));
    return performance.now() - clicked;
  });
  expect(elapsed).toBeLessThan(200);
  await expect.poll(() => terminalText(page)).toContain('[stopped]');
});

test('a flood of output does not freeze the page', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await typeCode(page, 'for (let i = 0; i < 1e6; i++) console.log("line " + i);');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // While it runs, the page keeps answering quickly.
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - started).toBeLessThan(1000);
    await page.waitForTimeout(100);
  }
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('line 999999');
  expect(await terminalText(page)).toContain('[exited with code 0]');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on a chapter page with the workbench open (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openAndRun(page);
    await expect.poll(() => terminalText(page)).toContain('reactor stopped');
    await expect(page.getByRole('region', { name: /^Output of / })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
  });
}

test('the runtime setting chooses the runtime on every demo of the site, survives a reload, and can go back to automatic', async ({ page }) => {
  const setting = () => workbench(page).getByRole('combobox', { name: 'Run in' });
  // Focusing the code opens the workbench without running it (no WebContainer boot is tried).
  await page.goto(chapter);
  await page.locator('demo-embed pre').first().click();
  await expect(setting()).toHaveValue('');
  await setting().selectOption({ label: 'a Web Worker' });
  await workbench(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(workbench(page).getByText('Ran in a Web Worker, as your setting asked.')).toBeVisible();
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');

  // Another chapter's demo, after a reload of the site: the same choice.
  await page.goto('/chapters/greenlets/');
  await page.locator('demo-embed pre').first().click();
  await expect(setting()).toHaveValue('worker');
  await workbench(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(workbench(page).getByText('Ran in a Web Worker, as your setting asked.')).toBeVisible();

  // The address still wins for one page.
  await page.goto('/chapters/greenlets/?runtime=replay');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(workbench(page).getByText(/^Ran in a replay of a recorded Node\.js run, as the address \(\?runtime=replay\) asked\./)).toBeVisible();

  await setting().selectOption({ label: 'the best available' });
  expect(await page.evaluate(() => localStorage.getItem('async-talk:runtime'))).toBeNull();
});

test('a Run pressed while the workbench is still loading is not lost', async ({ page }) => {
  await page.goto(forced);
  // A slow network: the workbench's code takes a while to arrive after the first focus.
  await page.route('**/_astro/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.locator('demo-embed pre').first().click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(workbench(page).getByText('Ran in a Web Worker, as the address (?runtime=worker) asked.')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
});
