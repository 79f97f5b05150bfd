import { readdir } from 'node:fs/promises';
import { expect, test } from '@playwright/test';

const chapterFiles = (await readdir('content/chapters')).filter((name) => /^\d\d-.*\.mdx$/.test(name)).sort();

test('the cover lists every chapter, in order, and each link opens that chapter', async ({ page }) => {
  await page.goto('/');
  const contents = page.getByRole('region', { name: 'Contents' });
  const links = contents.getByRole('list').first().getByRole('link');
  await expect(links).toHaveCount(chapterFiles.length);
  for (let index = 0; index < chapterFiles.length; index++) {
    const link = links.nth(index);
    const title = (await link.textContent())!.trim();
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText(`Chapter ${index + 1}`, { exact: true })).toBeVisible();
    await page.goBack();
  }
});

test('a chapter has an on-page table of contents, heading anchors and previous/next links', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('region', { name: 'Contents' }).getByRole('link').first().click();
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const entries = toc.getByRole('link');
  expect(await entries.count()).toBeGreaterThan(3);
  // Every entry points at a heading that exists on the page.
  for (const href of await entries.evaluateAll((links) => links.map((link) => link.getAttribute('href')!))) {
    await expect(page.locator(href)).toHaveCount(1);
  }
  const second = entries.nth(1);
  await second.click();
  await expect(page).toHaveURL(new RegExp(`${(await second.getAttribute('href'))!}$`));

  await expect(page.getByRole('link', { name: 'Link to this section' }).first()).toBeAttached();

  const chapters = page.getByRole('navigation', { name: 'Chapters' });
  await expect(chapters.locator('a[rel="prev"]')).toHaveAttribute('href', '/');
  const next = chapters.locator('a[rel="next"]');
  await expect(next).toBeVisible();
});

test('the theme follows the system until chosen, and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBackground = await background();
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const darkBackground = await background();
  expect(darkBackground).not.toBe(lightBackground);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
  expect(await background()).toBe(darkBackground);

  // With no stored choice, a dark system gives the dark theme.
  await page.evaluate(() => localStorage.clear());
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  expect(await background()).toBe(darkBackground);
});

test('code is highlighted at build time in both themes, with no highlighter shipped', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto('/');
  await page.getByRole('region', { name: 'Contents' }).getByRole('link').first().click();
  const token = page.locator('pre.astro-code span[style*="--shiki-dark"]').first();
  const colour = () => token.evaluate((element) => getComputedStyle(element).color);
  const light = await colour();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await colour()).not.toBe(light);
  expect(scripts.filter((url) => /shiki|highlight|oniguruma/i.test(url))).toEqual([]);
});

test('reading progress is remembered per chapter and shown on the cover', async ({ page }) => {
  await page.goto('/');
  const firstLink = page.getByRole('region', { name: 'Contents' }).getByRole('link').first();
  const href = (await firstLink.getAttribute('href'))!;
  await page.goto(href);
  await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('async-talk:progress:')));

  await page.goto('/');
  await expect(page.locator('chapter-progress').first()).toHaveText(/^(4|5)\d% read$/);

  await page.goto(href);
  await expect.poll(() => page.evaluate(() => scrollY / (document.documentElement.scrollHeight - innerHeight))).toBeGreaterThan(0.4);
});

for (const path of ['/', ...chapterFiles.map((name) => `/chapters/${name.slice(3, -4)}/`), '/search/', '/run-python/', '/glossary/']) {
  test(`no horizontal scroll at 360 px: ${path}`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });
}

test('the print stylesheet drops navigation and keeps the text', async ({ page }) => {
  await page.goto(`/chapters/${chapterFiles[0]!.slice(3, -4)}/`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Site' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Chapters' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test('fonts are self-hosted: every request stays on this origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith('data:')) foreign.push(request.url());
  });
  await page.goto(`/chapters/${chapterFiles[0]!.slice(3, -4)}/`);
  await page.waitForLoadState('networkidle');
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((font) => font.status === 'loaded').map((font) => font.family);
  });
  expect(fonts).toEqual(expect.arrayContaining(['Source Serif 4 Variable', 'Inter Variable']));
  expect(foreign).toEqual([]);
});

for (const width of [360, 412]) {
  test(`on a ${width} px phone, nothing on a chapter moves while fonts and scripts arrive`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const shifts: number[] = [];
      const record = (entries: PerformanceEntryList) => {
        for (const entry of entries as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      };
      const observer = new PerformanceObserver((list) => record(list.getEntries()));
      observer.observe({ type: 'layout-shift', buffered: true });
      // Shifts not yet delivered to the callback are taken at once when the test asks.
      Object.assign(globalThis, { layoutShifts: () => (record(observer.takeRecords()), shifts) });
    });
    await page.goto('/chapters/why-async/', { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    // The theme toggle is usable once the page's script has run, and keeps its name on a phone.
    await expect(page.getByRole('button', { name: 'Dark theme' })).toBeVisible();
    // Two frames painted after the last script ran: any shift it caused has been reported.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await page.evaluate(() => (globalThis as unknown as { layoutShifts: () => number[] }).layoutShifts());
    // "Good" cumulative layout shift is under 0.1; before the header was fixed it was 0.3.
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.05);
    await context.close();
  });
}
