import { expect, test, type Page } from '@playwright/test';
import { fakeCounters, installFakeWebContainer } from './fake-webcontainer.ts';

/**
 * One WebContainer per page, surviving page moves: a booted fake of it (fake-webcontainer.ts)
 * whose processes run until killed, like a server, so a test sees whether a page move stops one.
 */
const installBootedFake = (page: Page) => installFakeWebContainer(page, { boot: 'booted', processes: 'until-killed' });
const counters = fakeCounters;
const realmMark = (page: Page) => page.evaluate(() => (globalThis as { realmMark?: string }).realmMark ?? null);
const status = (page: Page) => page.locator('.wb-runtime');

async function runHere(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('WebContainer');
}

test('once a WebContainer has booted, moving to the next chapter keeps it: no second boot, the old run stopped', async ({ page }) => {
  await installBootedFake(page);
  await page.goto('/chapters/twisted/');
  await page.evaluate(() => Object.assign(globalThis, { realmMark: 'first page' }));
  await runHere(page);
  await expect.poll(async () => (await counters(page)).spawns).toEqual(['reactor-callbacks']);

  // The reader's dark theme must survive the move (the router swaps <html>'s attributes).
  const theme = page.getByRole('button', { name: /theme/i });
  if ((await page.locator('html').getAttribute('data-theme')) !== 'dark') await theme.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(/\/chapters\/greenlets\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/greenlet/i);
  expect(await realmMark(page), 'the page was moved in place, not reloaded').toBe('first page');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('main')).toBeFocused();
  // The first chapter's run did not outlive its page.
  expect((await counters(page)).kills).toBe(1);
  await expect(page).toHaveTitle(/greenlet/i);

  await runHere(page);
  await expect.poll(async () => (await counters(page)).spawns).toEqual(['reactor-callbacks', 'coroutines']);

  // Back returns to the first chapter, still in place, its demo ready to run again.
  await page.goBack();
  await expect(page).toHaveURL(/\/chapters\/twisted\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/twisted/i);
  expect(await realmMark(page)).toBe('first page');
  await runHere(page);
  await expect.poll(async () => (await counters(page)).spawns).toHaveLength(3);
});

test('before any WebContainer boots, links are plain page loads: no router is fetched', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
  await page.goto('/chapters/twisted/');
  await page.evaluate(() => Object.assign(globalThis, { realmMark: 'first page' }));
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(/\/chapters\/greenlets\/$/);
  expect(await realmMark(page)).toBeNull();
  expect(scripts.filter((url) => /keep-alive|router|transitions/i.test(url))).toEqual([]);
});

test('a demo that ran in a Web Worker does not change how links behave', async ({ page }) => {
  await page.goto('/chapters/twisted/?runtime=worker');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('Web Worker');
  await page.evaluate(() => Object.assign(globalThis, { realmMark: 'first page' }));
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(/\/chapters\/greenlets\/$/);
  expect(await realmMark(page)).toBeNull();
});
