import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Response } from '@playwright/test';
import { finishBoot, installFakeWebContainer } from './fake-webcontainer.ts';
import { emptyStorageOncePerTest, longestMainThreadTaskMs, nextFrameMs, startEditing, stopLatencyMs } from './helpers.ts';

const chapter = '/chapters/twisted/';
const forced = `${chapter}?runtime=worker`;

const workbench = (page: Page) => page.getByRole('region', { name: /^Demo: / });
/** The Node demo these tests use, on pages that also show Python programs as demos. */
const embed = (page: Page) => page.locator('demo-embed[data-demo="reactor-callbacks"], demo-embed[data-demo="coroutines"]');
const editor = (page: Page) => page.getByRole('textbox', { name: 'Edit main.js' });
const status = (page: Page) => workbench(page).locator('.wb-runtime');

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
  await startEditing(page);
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

async function openAndRun(page: Page, path = forced) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: /^Output of / })).toBeVisible();
}

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

/** Every script the page fetches from now on, with its gzipped size once its body has arrived. */
function recordScripts(page: Page) {
  const scripts: { url: string; gz: number }[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script' || response.url().startsWith('blob:')) return;
    // Counted by URL at once; the size follows (a body can be gone if the page closes first).
    const entry = { url: response.url(), gz: 0 };
    scripts.push(entry);
    response.body().then((body) => (entry.gz = gzipSync(body).length), () => {});
  });
  return scripts;
}

test('before use, a chapter with a demo loads no workbench JS, and the loader is small', async ({ page }) => {
  const scripts = recordScripts(page);
  await page.goto(chapter);
  await page.waitForLoadState('networkidle');
  await expect(embed(page).locator('.demo-static')).toBeVisible();
  // Nothing edited yet: no mark, no note, no second copy of the code.
  await expect(embed(page).locator('.demo-edited, .demo-edit-note, .demo-saved')).toHaveCount(3);
  for (const part of await embed(page).locator('.demo-edited, .demo-edit-note, .demo-saved').all()) await expect(part).toBeHidden();
  await expect.poll(() => scripts.every((s) => s.gz > 0)).toBe(true);
  // 0 bytes of workbench before use: no editor, terminal or runtime code.
  expect(scripts.map((s) => s.url).filter((url) => /workbench|editor|codemirror|xterm|runtime/i.test(url))).toEqual([]);
  expect(await page.locator('.cm-editor, .xterm').count()).toBe(0);
  // The loader is one small script inlined in the page: no request, and no preload helper
  // (the workbench is started by a module script, not import(); see vite-workbench-url.ts).
  const loaders = await page.locator('script:not([src]):not([type="application/json"])').evaluateAll((scripts) =>
    // The script that defines <demo-embed> (the service worker's registration only looks for one).
    scripts.map((script) => script.textContent ?? '').filter((text) => /customElements\.define\(.demo-embed/.test(text)),
  );
  expect(loaders).toHaveLength(1);
  expect(gzipSync(loaders[0]!).length).toBeLessThanOrEqual(512);
});

test('Run alone loads the terminal and the runtime but no editor; the editor comes when the reader edits', async ({ page }) => {
  const scripts = recordScripts(page);
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  const fetched = () => scripts.map((s) => new URL(s.url).pathname);
  expect(fetched().filter((path) => /\/workbench\./.test(path))).toHaveLength(1);
  expect(fetched().filter((path) => /\/editor\./.test(path))).toEqual([]);
  expect(await page.locator('.cm-editor').count()).toBe(0);
  // The code stays on the page meanwhile: the highlighted files the chapter showed.
  await expect(workbench(page).locator('.demo-file pre.astro-code').first()).toContainText('reactor');

  await workbench(page).getByRole('button', { name: 'Edit code' }).click();
  await expect(editor(page)).toBeFocused();
  expect(fetched().filter((path) => /\/editor\./.test(path))).toHaveLength(1);
  await expect(workbench(page).getByRole('button', { name: 'Edit code' })).toBeHidden();
});

test('focusing the code opens the editor without running the demo', async ({ page }) => {
  await page.goto(forced);
  await embed(page).locator('pre').first().click();
  await expect(editor(page)).toBeFocused();
  await expect(status(page)).toHaveText('Press Run to run this demo in your browser.');
  // Esc leaves the editor (keys inside it belong to it, so this is the way out).
  await page.keyboard.press('Escape');
  await expect(workbench(page).getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  await expect(workbench(page)).toHaveAttribute('data-deck-keys', 'own');
});

test('Run on reactor-callbacks shows its output in the terminal and which runtime ran it', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  const text = await terminalText(page);
  expect(text).toContain('callback combine: ada has 3 posts');
  expect(text).toContain('[exited with code 0]');
  // Trace lines are for the timeline, not the reader.
  expect(text).not.toContain('#trace');
  await expect(status(page)).toHaveText('Ran in a Web Worker, as the address (?runtime=worker) asked.');
  // A screen reader finds the output too, line by line (xterm's own rows are hidden from it).
  const output = page.getByRole('region', { name: /^Output of / });
  await expect(output.getByRole('listitem').filter({ hasText: 'callback combine: ada has 3 posts' })).toHaveCount(1);
  await expect(output.getByRole('textbox', { name: 'Output, read only' })).toHaveCount(1);
  // Keyboard: the Run pressed was the static view's, now gone; focus is on Stop or, once the run
  // has ended, on Run, never lost to the page.
  await expect(workbench(page).getByRole('button', { name: 'Run', exact: true })).toBeFocused();
});

test('the recorded run is fetched only when the replay runtime runs, then plays', async ({ page }) => {
  const transcripts: string[] = [];
  page.on('request', (request) => void (request.url().endsWith('/replay.json') && transcripts.push(request.url())));
  await page.goto(`${chapter}?runtime=replay`);
  await page.waitForLoadState('networkidle');
  // A reader who never runs the demo does not pay for its transcript, in a request or in the page.
  expect(transcripts).toEqual([]);
  expect(await embed(page).locator('script[data-demo-files]').textContent()).not.toContain('"events"');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  expect(await terminalText(page)).toContain('callback combine: ada has 3 posts');
  await expect(status(page)).toHaveText(
    'Ran in a replay of a recorded run, as the address (?runtime=replay) asked. A replay shows a real run of the original code, not a live one.',
  );
  expect(transcripts.map((url) => new URL(url).pathname)).toEqual(['/demos/reactor-callbacks/replay.json']);
});

test('a recorded run that cannot be fetched is explained, and another runtime runs the demo', async ({ page }) => {
  await page.route('**/replay.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await openAndRun(page, `${chapter}?runtime=replay`);
  // Said in the terminal first (compared without whitespace: it wraps over rows); the demo's own
  // output follows.
  const unwrapped = (text: string) => text.replace(/\s+/g, '');
  const message = unwrapped('Cannot replay: the recorded run (/demos/reactor-callbacks/replay.json) could not be fetched: the server answered 404 Not Found');
  await expect.poll(async () => unwrapped(await terminalText(page))).toContain(message);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  // The preview is cross-origin isolated, so WebContainer is tried next; its servers are out of
  // reach here, so it gets its grace and no more.
  await expect(status(page)).toHaveText(
    /^Ran in a Web Worker: the replay could not run it \(Cannot replay: .+ 404 Not Found\); WebContainer (was still booting after 1\.5 s, so the demo did not wait for it \(it goes on booting, for your next Run\)|failed to boot \(.+\))\.$/,
  );
});

/**
 * A WebContainer that never answers, as at a venue whose network drops StackBlitz: a fake whose
 * boot lasts until the test lets it finish (fake-webcontainer.ts).
 */
const installSlowBoot = (page: Page) => installFakeWebContainer(page, { boot: 'pending', processes: 'exit-at-once' });

test('automatic mode never waits on a boot that does not come: the page says it is booting, then runs the worker', async ({ page }) => {
  await installSlowBoot(page);
  await page.goto(chapter);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // While it waits, the page says what it is doing and how long it will wait.
  await expect(status(page)).toHaveText('Booting WebContainer… If it is not ready within 1.5 s, the demo runs in a Web Worker instead.');
  // The first output within the default expect timeout (5 s) proves it never waits 20 s.
  await expect.poll(() => terminalText(page)).toContain('callback');
  await expect(status(page)).toHaveText(
    'Ran in a Web Worker: WebContainer was still booting after 1.5 s, so the demo did not wait for it (it goes on booting, for your next Run).',
  );
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');

  // The boot finishes later: the page says what that means, and the next Run uses it.
  await finishBoot(page);
  await expect(status(page)).toContainText('WebContainer has booted: your next Run uses it.');
  await workbench(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('fake node main.js in reactor-callbacks');
  await expect(status(page)).toHaveText("Ran in WebContainer (Node.js in the browser), this demo's first choice.");
});

test('offline, automatic mode runs the worker at once and says why', async ({ page, context }) => {
  await page.goto(chapter);
  // The workbench was opened while online (the code focused); then the network goes.
  await embed(page).locator('pre').first().click();
  await expect(editor(page)).toBeVisible();
  await context.setOffline(true);
  await workbench(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await expect(status(page)).toHaveText('Ran in a Web Worker: this browser is offline, so WebContainer cannot boot.');
  await context.setOffline(false);
});

test('a reader who forces WebContainer waits for its boot, told how long it can take', async ({ page }) => {
  await installSlowBoot(page);
  await page.goto(`${chapter}?runtime=webcontainer&boot-timeout-ms=1000`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toHaveText('Booting WebContainer, as the address (?runtime=webcontainer) asked; it can take up to 1 s…');
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await expect(status(page)).toHaveText('Ran in a Web Worker: WebContainer failed to boot (it did not answer within 1 s).');
});

test('a saved edit shows after a reload without any workbench, marked, with the original a click away', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await typeCode(page, 'console.log("edited " + (6 * 7));');
  await expect(workbench(page).getByRole('tab', { name: 'main.js · edited' })).toBeVisible();
  await page.reload();

  // The static view, with no workbench: the edit, marked as such, as text.
  const scripts = recordScripts(page);
  const demo = embed(page);
  await expect(demo.locator('.demo-saved')).toHaveText('console.log("edited " + (6 * 7));');
  await expect(demo.locator('.demo-saved')).toBeVisible();
  await expect(demo.locator('.demo-file-name')).toContainText('· edited');
  await expect(demo.getByText('You have edited this demo; your edit is saved in this browser.')).toBeVisible();
  const toggle = demo.getByRole('checkbox', { name: 'Show the original' });
  await toggle.check();
  await expect(demo.locator('.demo-original pre')).toContainText('reactor');
  await expect(demo.locator('.demo-saved')).toBeHidden();
  await toggle.uncheck();
  await expect(demo.locator('.demo-saved')).toBeVisible();
  await expect(demo.locator('.demo-original pre')).toBeHidden();
  expect(scripts.filter((s) => /workbench|editor/.test(s.url))).toEqual([]);

  // Run runs the edit.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('edited 42');
  expect(await terminalText(page)).not.toContain('reactor stopped');

  // Reset brings the original back, as one change that Ctrl+Z undoes.
  await workbench(page).getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(editor(page)).toContainText('reactor');
  await expect(workbench(page).getByRole('tab', { name: 'main.js', exact: true })).toBeVisible();
  await expect(workbench(page).getByRole('button', { name: 'Reset', exact: true })).toBeDisabled();
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor(page)).toContainText('console.log("edited " + (6 * 7));');
  await expect(workbench(page).getByRole('tab', { name: 'main.js · edited' })).toBeVisible();

  // Reset again, and a reload shows the original: nothing is saved any more.
  await workbench(page).getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(workbench(page).getByRole('button', { name: 'Reset', exact: true })).toBeDisabled();
  await page.reload();
  await expect(embed(page).locator('.demo-saved')).toBeHidden();
  await expect(embed(page).locator('.demo-original pre')).toContainText('reactor');
  await expect(embed(page).getByText('You have edited this demo')).toBeHidden();
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
  // More than the worker's 16 KB output chunk first, so some of it reaches the page before the
  // loop takes the worker for good.
  await typeCode(page, 'for (let i = 0; i < 3000; i++) console.log("spinning " + i);\nwhile (true) {}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // The loop spins in the worker, once it has printed; the page still draws frames.
  await expect.poll(() => terminalText(page)).toMatch(/spinning \d+/);
  expect(await nextFrameMs(page)).toBeLessThan(100);
  const elapsed = await stopLatencyMs(page);
  expect(elapsed).toBeLessThan(200);
  await expect.poll(() => terminalText(page)).toContain('[stopped]');
});

test('a flood of output does not freeze the page: it draws a frame within 100 ms throughout', async ({ page }) => {
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  // 200,000 lines a second, until Stop.
  await typeCode(page, 'let n = 0;\nsetInterval(() => { for (let i = 0; i < 2000; i++) console.log("line " + ++n); }, 10);');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toMatch(/line \d{5,}/);
  // While it floods, and the newest output keeps reaching the screen (100,000 more lines), no
  // task of the page's own holds its thread for 100 ms, within which it must draw the next frame.
  const lastLine = async () => Math.max(0, ...[...(await terminalText(page)).matchAll(/line (\d+)/g)].map((match) => Number(match[1])));
  const seen = await lastLine();
  const longestTask = await longestMainThreadTaskMs(page, () => expect.poll(lastLine, { timeout: 30_000 }).toBeGreaterThan(seen + 100_000));
  expect(longestTask).toBeLessThan(100);
  await workbench(page).getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => terminalText(page)).toContain('[stopped]');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on a chapter page with the workbench open (${colorScheme})`, async ({ page }) => {
    // axe reads the whole of a long chapter (about 10 s here, more on a loaded machine).
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    await openAndRun(page);
    await expect.poll(() => terminalText(page)).toContain('reactor stopped');
    let results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
    // With the editor open, only the workbench has changed.
    await startEditing(page);
    results = await new AxeBuilder({ page }).include('.workbench').analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
  });
}

test('on a 360 px phone, the workbench and its controls stay inside the page, editor open or not', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await openAndRun(page);
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  const outside = () =>
    workbench(page).evaluate((box) => {
      const frame = box.getBoundingClientRect();
      return [...box.querySelectorAll('button, select, label, .wb-terminal, .wb-runtime')]
        .filter((part) => {
          const r = part.getBoundingClientRect();
          return r.width > 0 && (r.left < frame.left - 0.5 || r.right > frame.right + 0.5);
        })
        .map((part) => part.textContent?.trim().slice(0, 30) || part.className);
    });
  expect(await outside()).toEqual([]);
  await startEditing(page);
  expect(await outside()).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('axe finds no violations on the static view showing a saved edit', async ({ page }) => {
  await page.goto(chapter);
  await page.evaluate(() => localStorage.setItem('async-talk:demo-edit:reactor-callbacks:main.js', 'console.log("mine");'));
  await page.reload();
  await expect(embed(page).locator('.demo-saved')).toBeVisible();
  const results = await new AxeBuilder({ page }).include('demo-embed').analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
});

test('saved text that looks like markup is shown as text, never run as HTML', async ({ page }) => {
  await page.goto(chapter);
  const hostile = '</code><img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  await page.evaluate((text) => localStorage.setItem('async-talk:demo-edit:reactor-callbacks:main.js', text), hostile);
  await page.reload();
  await expect(embed(page).locator('.demo-saved')).toHaveText(hostile);
  expect(await embed(page).locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
});

test('the runtime setting chooses the runtime on every demo of the site, survives a reload, and can go back to automatic', async ({ page }) => {
  const setting = () => workbench(page).getByRole('combobox', { name: 'Run in' });
  // Focusing the code opens the workbench without running it (no WebContainer boot is tried).
  await page.goto(chapter);
  await embed(page).locator('pre').first().click();
  await expect(setting()).toHaveValue('');
  await setting().selectOption({ label: 'a Web Worker' });
  await workbench(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toHaveText('Ran in a Web Worker, as your setting asked.');
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');

  // Another chapter's demo, after a reload of the site: the same choice.
  await page.goto('/chapters/greenlets/');
  await embed(page).locator('pre').first().click();
  await expect(setting()).toHaveValue('worker');
  await workbench(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toHaveText('Ran in a Web Worker, as your setting asked.');

  // The address still wins for one page.
  await page.goto('/chapters/greenlets/?runtime=replay');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toHaveText(/^Ran in a replay of a recorded run, as the address \(\?runtime=replay\) asked\./);

  await setting().selectOption({ label: 'the best available' });
  expect(await page.evaluate(() => localStorage.getItem('async-talk:runtime'))).toBeNull();
});

test('a Run pressed while the workbench is still loading is not lost', async ({ page }) => {
  await page.goto(forced);
  // A slow network: the workbench's code is held back until the Run has been pressed.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/*.js', async (route) => {
    await released;
    await route.continue();
  });
  await embed(page).locator('pre').first().click();
  await expect(embed(page)).toHaveAttribute('data-workbench-start', 'edit');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the workbench…' })).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(embed(page)).toHaveAttribute('data-workbench-start', 'run');
  release();
  await expect(status(page)).toHaveText('Ran in a Web Worker, as the address (?runtime=worker) asked.');
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
});

test('a workbench that cannot be loaded is said so on the demo, and the next Run tries again', async ({ page }) => {
  await page.goto(forced);
  await page.route('**/_astro/workbench.*.js', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const failed = page.getByRole('alert').filter({ hasText: 'The workbench could not be loaded (are you offline?). Your code is unchanged; press Run to try again.' });
  await expect(failed).toBeVisible();
  await expect(embed(page).getByText('Loading the workbench…')).toBeHidden();
  await page.unroute('**/_astro/workbench.*.js');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('reactor stopped');
  await expect(status(page)).toHaveText('Ran in a Web Worker, as the address (?runtime=worker) asked.');
});
