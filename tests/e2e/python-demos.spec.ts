// The Python programs as the chapters show them, on a static host: each whole program is a demo
// with its own Run button, its output comes from its recording with what recorded it, history
// says why it never runs, and a demo's variant is chosen from the page.
import { expect, test, type Page } from '@playwright/test';
import { emptyStorageOncePerTest } from './helpers.ts';

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

const terminalText = async (page: Page) => {
  await page.locator('.wb-terminal').scrollIntoViewIfNeeded();
  return page.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((row) => row.textContent!.replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
};

test('a whole Python program is a demo: its code, how to run it, and a Run button that names it', async ({ page }) => {
  await page.goto('/chapters/gevent/');
  const demo = page.locator('demo-embed[data-demo="gevent_sleep0"]');
  await expect(demo.locator('.demo-file-name')).toContainText('demos/python/gevent_sleep0.py');
  await expect(demo.locator('.demo-run')).toHaveText(
    'Run it yourself from the repository: cd demos/python && python3 gevent_sleep0.py, with a python3 that has gevent. ' +
      'Served by npm run present on your own computer, it runs for real in the local runner. Elsewhere it runs in a replay of a recorded run.',
  );
  await expect(demo.getByRole('button', { name: 'Run gevent_sleep0.py' })).toBeVisible();
  // A program of the standard library says so.
  await page.goto('/chapters/why-async/');
  await expect(page.locator('demo-embed[data-demo="echo_select"] .demo-run')).toContainText('with any python3 (it needs only the standard library).');
});

test("a program's output is its recording, labelled with what recorded it and when", async ({ page }) => {
  await page.goto('/chapters/largest-pitfall/');
  const recorded = page.locator('.recorded-run').filter({ hasText: 'python3 gevent_blocking_stall.py' });
  await expect(recorded.locator('figcaption')).toHaveText(/^What python3 gevent_blocking_stall\.py printedRecorded on Python 3\.\d+\.\d+ with gevent \d+\.\d+\.\d+, \d{1,2} [A-Z][a-z]+ 20\d\d$/);
  await expect(recorded.locator('pre')).toContainText(/cpu loop, never yields +worst client delay +[\d.]+ ms/);
  await expect(recorded.locator('pre')).not.toContainText('#trace');
});

test('a Concurrence program says why it is never run, and has no Run button', async ({ page }) => {
  await page.goto('/chapters/concurrence/');
  const history = page.locator('.code-file').filter({ hasText: 'concurrence_actors.py (history: Python 2, never run)' });
  await expect(history.locator('.code-file-note')).toHaveText(
    'History: Concurrence needs Python 2 and libevent 1.4 and has not changed since 2011, so no current machine can install it. This program is shown, and never run: there is no Run button here, and no recording.',
  );
  await expect(history.getByRole('button')).toHaveCount(0);
});

test("a demo's variant is chosen from the page, and plays its own recording", async ({ page }) => {
  await page.goto('/chapters/why-async/?runtime=replay');
  const demo = page.locator('demo-embed[data-demo="many-clients"]');
  await expect(demo.locator('.demo-run')).toContainText('cd demos/many-clients && node server.js, or node server.js --blocking (a blocking handler).');
  await demo.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page)).toContain('[exited with code 0]');
  expect(await terminalText(page)).toContain('evented handler: 1 thread, 100 clients');
  await demo.getByLabel('Command').selectOption({ label: 'node server.js --blocking (a blocking handler)' });
  await demo.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain('[exited with code 0]');
  expect(await terminalText(page)).toContain('blocking handler: 1 thread, 100 clients');
});
