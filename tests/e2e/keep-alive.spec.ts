import { expect, test, type Page } from '@playwright/test';

/**
 * One WebContainer per page, surviving page moves. A real WebContainer cannot boot here (its
 * servers are out of reach), so each test puts a booted fake of its interface in the page's slot
 * (the one src/runtimes/webcontainer-runtime.ts keeps on globalThis) before the page loads. A
 * full page load runs this init script again and starts from nothing; a page move made in place
 * keeps the realm, the fake and its counters: that difference is what the tests observe.
 */
async function installBootedFake(page: Page) {
  await page.addInitScript(() => {
    const counters = { spawns: [] as string[], kills: 0 };
    const container = {
      fs: { rm: async () => {} },
      mount: async () => {},
      on: () => () => {},
      teardown() {},
      async spawn(command: string, args: string[], options?: { cwd?: string }) {
        counters.spawns.push(`${options?.cwd}`);
        let close!: () => void;
        let finish!: (code: number) => void;
        const exit = new Promise<number>((resolve) => (finish = resolve));
        const output = new ReadableStream<string>({
          start(controller) {
            controller.enqueue(`fake ${command} ${args.join(' ')} in ${options?.cwd}\n`);
            close = () => controller.close();
          },
        });
        // Runs until killed, like a server: the test sees whether a page move stops it.
        return {
          output,
          exit,
          kill() {
            counters.kills++;
            close();
            finish(143);
          },
        };
      },
    };
    Object.assign(globalThis, { fakeWebContainer: counters });
    (globalThis as Record<symbol, unknown>)[Symbol.for('async-talk.webcontainer')] = { booting: Promise.resolve(container) };
  });
}

const counters = (page: Page) => page.evaluate(() => (globalThis as unknown as { fakeWebContainer: { spawns: string[]; kills: number } }).fakeWebContainer);
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
