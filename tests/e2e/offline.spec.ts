// The service worker (src/offline/service-worker.ts), in real Chromium: offline after one visit,
// isolation on a host that sends no headers, a build under a subpath, and updates that wait.
// Each test serves a build with src/hosting/serve-build.ts, the way a static host serves it.
import { cp, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { writeServiceWorker } from '../../src/build/service-worker.ts';
import { installFakeWebContainer } from './fake-webcontainer.ts';
import { brokenInternalLinks } from './link-check.ts';
import { startStaticHost } from './static-host.ts';
import { presentPort } from '../../playwright.config.ts';

test.use({ serviceWorkers: 'allow' });

/** `npm test` builds the site a second time with SITE_BASE=/async-talk/ into this folder. */
const SUBPATH = { dir: 'dist-subpath', base: '/async-talk/' };
const ROOT = { dir: 'dist', base: '/' };

/** Resolves once the site's worker is active, which it is only after precaching the whole build. */
const cachedForOffline = (page: Page) =>
  page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });

/** The deck's slide address (#/chapter/n) without its step. */
const slideOf = (page: Page) => page.evaluate(() => location.hash.split('/').slice(0, 3).join('/'));

async function nextSlide(page: Page): Promise<string> {
  const from = await slideOf(page);
  for (let press = 0; press < 20 && (await slideOf(page)) === from; press++) await page.keyboard.press('ArrowRight');
  const to = await slideOf(page);
  expect(to, `the deck moved on from ${from}`).not.toBe(from);
  return to;
}

async function offlineAfterOneVisit(context: BrowserContext, origin: string, base: string) {
  const deck = await context.newPage();
  await deck.goto(`${origin}${base}deck/`);
  await cachedForOffline(deck);
  await context.setOffline(true);

  await deck.reload();
  await expect(deck.locator('[data-deck][data-ready]')).toBeAttached();
  await deck.locator('[data-deck]').focus();
  const seen = new Set<string>();
  for (let slide = 0; slide < 10; slide++) seen.add(await nextSlide(deck));
  expect(seen.size).toBe(10);
  await expect(deck.locator('[data-deck-slide][data-current]')).toBeVisible();
  await expect(deck.locator('[data-deck-slide][data-current]')).not.toBeEmpty();

  // The presenter view opens offline, and follows the deck.
  const presenter = await context.newPage();
  await presenter.goto(`${origin}${base}deck/presenter/${new URL(deck.url()).hash}`);
  await expect(presenter.locator('[data-deck][data-ready]')).toBeAttached();
  await deck.bringToFront();
  const moved = await nextSlide(deck);
  await expect.poll(() => slideOf(presenter)).toBe(moved);
  await expect(presenter.locator('[data-presenter-notes]')).not.toBeEmpty();

  // A chapter never opened, with its fonts.
  const chapter = await context.newPage();
  await chapter.goto(`${origin}${base}chapters/gevent/`);
  await expect(chapter.getByRole('heading', { level: 1 })).toBeVisible();
  const fonts = await chapter.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((font) => font.status === 'loaded').map((font) => font.family.replace(/"/g, ''));
  });
  expect(fonts).toContain('Source Serif 4 Variable');
  expect(fonts).toContain('Inter Variable');

  // The blocking-stall demo runs, in the Web Worker.
  const stall = await context.newPage();
  await stall.goto(`${origin}${base}chapters/largest-pitfall/?runtime=worker`);
  const demo = stall.locator('demo-embed[data-demo="blocking-stall"]');
  await demo.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(demo.locator('.wb-runtime')).toHaveText(/^Ran in a Web Worker/, { timeout: 30_000 });
  await expect(demo.locator('.xterm-rows')).toContainText('[exited with code 0]', { timeout: 30_000 });
}

for (const site of [ROOT, SUBPATH]) {
  test.describe(`the build at ${site.base}`, () => {
    let host: Awaited<ReturnType<typeof startStaticHost>>;
    test.beforeAll(async () => {
      host = await startStaticHost(site.dir, { base: site.base });
    });
    test.afterAll(() => host.close());

    test('after one visit to the deck, the deck, the presenter view, every chapter and the demos work offline', async ({ context }) => {
      test.setTimeout(120_000);
      await offlineAfterOneVisit(context, host.origin, site.base);
    });

    test('every internal link and asset resolves', async ({ request }) => {
      const { checked, broken } = await brokenInternalLinks(request, { dir: site.dir, origin: host.origin, base: site.base });
      expect(checked).toBeGreaterThan(20);
      expect(broken).toEqual([]);
    });
  });
}

test.describe('on a host that sends no isolation headers', () => {
  let host: Awaited<ReturnType<typeof startStaticHost>>;
  test.beforeAll(async () => {
    host = await startStaticHost('dist', { isolationHeaders: false });
  });
  test.afterAll(() => host.close());

  test('the first visit becomes cross-origin isolated with one reload, and WebContainer is then tried first', async ({ page }) => {
    await installFakeWebContainer(page, { boot: 'booted', processes: 'exit-at-once' });
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    const response = await page.goto(`${host.origin}/chapters/twisted/`);
    expect(response!.headers()['cross-origin-embedder-policy']).toBeUndefined();
    await page.waitForEvent('load');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    const demo = page.locator('demo-embed[data-demo="reactor-callbacks"]');
    await demo.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(demo.locator('.wb-runtime')).toHaveText(/^Ran in WebContainer/);

    // Another page of the site, and the same one again: isolated at once, never reloaded.
    await page.goto(`${host.origin}/chapters/largest-pitfall/`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.reload();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(loads).toEqual([`${host.origin}/chapters/twisted/`, `${host.origin}/chapters/twisted/`, `${host.origin}/chapters/largest-pitfall/`, `${host.origin}/chapters/largest-pitfall/`]);
  });

  test('a browser with no service worker runs the demos in the Web Worker, and says why', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined }));
    await page.goto(`${host.origin}/chapters/twisted/`);
    const demo = page.locator('demo-embed[data-demo="reactor-callbacks"]');
    await demo.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(demo.locator('.wb-runtime')).toHaveText(
      'Ran in a Web Worker: this page is not cross-origin isolated (its host sends no isolation headers, and this browser gives the site no service worker to add them, as in some private windows), so WebContainer cannot boot.',
    );
  });
});

test.describe('a new version', () => {
  let work: string;
  let host: Awaited<ReturnType<typeof startStaticHost>>;
  /** What the host serves: a symlink, swapped to deploy the second build. */
  const live = () => join(work, 'live');

  /** Deploys a copy of the build whose deck and cover say `v2` in their titles, with its own worker. */
  async function deploySecondBuild() {
    const second = join(work, 'second');
    await cp('dist', second, { recursive: true });
    for (const file of ['deck/index.html', 'index.html']) {
      const path = join(second, file);
      await writeFile(path, (await readFile(path, 'utf8')).replace('<title>', '<title>v2 '));
    }
    await writeServiceWorker(second);
    await symlink(second, join(work, 'next'));
    await rename(join(work, 'next'), live());
  }

  test.beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'async-talk-update-'));
    await symlink(join(process.cwd(), 'dist'), live());
    host = await startStaticHost(live());
  });
  test.afterEach(async () => {
    await host.close();
    await rm(work, { recursive: true, force: true });
  });

  const notice = (page: Page) => page.locator('[data-site-update]');
  /** The browser checks for a new worker on each visit; the tests ask at once instead. */
  const askForUpdate = (page: Page) => page.evaluate(() => void navigator.serviceWorker.ready.then((registration) => registration.update()));
  /** Installing precaches the whole second build (5 MB), on a machine shared with other tests. */
  const INSTALL_TIMEOUT = 45_000;
  test.describe.configure({ timeout: 90_000 });

  test('is announced in an open deck, not applied while it is open, and applied by a reload', async ({ context }) => {
    const deck = await context.newPage();
    await deck.goto(`${host.origin}/deck/#/why-async/1`);
    await cachedForOffline(deck);
    const presenter = await context.newPage();
    await presenter.goto(`${host.origin}/deck/presenter/#/why-async/1`);
    await deck.bringToFront();
    let loads = 0;
    deck.on('load', () => loads++);

    await deploySecondBuild();
    await askForUpdate(deck);
    await expect(notice(deck)).toBeVisible({ timeout: INSTALL_TIMEOUT });
    await expect(notice(deck)).toHaveText(/A new version of the site is ready/);
    await expect(notice(presenter)).toBeVisible();

    // The talk goes on with the version it started with, slide by slide, in both windows.
    await deck.locator('[data-deck]').focus();
    const moved = await nextSlide(deck);
    await expect.poll(() => slideOf(presenter)).toBe(moved);
    expect(await deck.title()).not.toMatch(/^v2 /);
    expect(loads).toBe(0);

    // With the presenter view closed, the speaker's reload is the moment it is applied.
    await presenter.close();
    // The browser forgets a closed window a moment after Playwright does: ask the worker itself.
    const worker = context.serviceWorkers()[0]!;
    await expect.poll(() => worker.evaluate(() => (self as unknown as ServiceWorkerGlobalScope).clients.matchAll({ type: 'window' }).then((all) => all.length))).toBe(1);
    await deck.reload();
    // The reload is answered "Updating…", which loads the page again once the new version is in.
    await expect(deck).toHaveTitle(/^v2 /, { timeout: 15_000 });
    expect(await slideOf(deck)).toBe(moved);
    await expect(notice(deck)).toBeHidden();
  });

  test('is applied on a book page by its button, which reloads the page', async ({ page }) => {
    await page.goto(`${host.origin}/`);
    await cachedForOffline(page);
    await deploySecondBuild();
    await askForUpdate(page);
    const banner = page.getByRole('status').filter({ hasText: 'A new version of the site is ready.' });
    await expect(banner).toBeVisible({ timeout: INSTALL_TIMEOUT });
    expect(await page.title()).not.toMatch(/^v2 /);
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect(page).toHaveTitle(/^v2 /);
  });
});

test('a cache that was cleared under the worker falls back to the network, and the page works', async ({ page }) => {
  const host = await startStaticHost('dist');
  try {
    await page.goto(`${host.origin}/deck/`);
    await cachedForOffline(page);
    // What eviction or a corrupted store leaves: the worker active, its cache gone.
    await page.evaluate(async () => {
      for (const key of await caches.keys()) await caches.delete(key);
    });
    await page.goto(`${host.origin}/chapters/nodejs/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Node.js');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.goto(`${host.origin}/deck/`);
    await expect(page.locator('[data-deck][data-ready]')).toBeAttached();
  } finally {
    await host.close();
  }
});

test.describe('npm run present', () => {
  const PRESENT = `http://127.0.0.1:${presentPort}`;

  test('registers no worker, since its pages carry a secret written at each start', async ({ page }) => {
    const swRequests: string[] = [];
    page.on('request', (request) => request.url().endsWith('/sw.js') && swRequests.push(request.url()));
    // A page registers after its load event: a second page's whole load gives the first one's
    // registration, had it asked for one, the time to be on record.
    await page.goto(`${PRESENT}/deck/`);
    await page.goto(`${PRESENT}/chapters/nodejs/`);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);
    expect(swRequests).toEqual([]);
  });

  test('retires the worker that a static build left on the same address', async ({ page }) => {
    // `npm run preview` first, on the address `npm run present` uses next.
    const preview = await startStaticHost('dist');
    const { port } = new URL(preview.origin);
    await page.goto(`${preview.origin}/chapters/nodejs/`);
    await cachedForOffline(page);
    await preview.close();
    const present = await startStaticHost('dist', { port: Number(port), withRunner: true });
    try {
      let loads = 0;
      const retired = new Promise<void>((resolve) => page.on('load', () => ++loads === 2 && resolve()));
      // The old worker answers this from its cache, then the browser's update check meets the
      // retired worker, which unregisters and loads the page again from the runner's server.
      await page.goto(`${present.origin}/chapters/nodejs/`);
      await retired;
      await expect(page.locator('meta[name="async-talk-runner"]')).toBeAttached();
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);
    } finally {
      await present.close();
    }
  });
});
