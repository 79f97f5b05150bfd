import { readdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const chapters = (await readdir('content/chapters')).filter((name) => /^\d\d-.*\.mdx$/.test(name)).map((name) => `/chapters/${name.slice(3, -4)}/`);
const pages = ['/', ...chapters, '/search/?q=gevent', '/run-python/', '/glossary/', '/404.html'];

for (const path of pages) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations on ${path} (${colorScheme})`, async ({ page }) => {
      // axe weighs the contrast of every text node: chapter 8, with five servers' code in it,
      // took 30 s on a two-core machine shared by two test workers.
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      await page.evaluate(() => document.fonts.ready);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
    });
  }
}

test('everything on a chapter page can be reached with the keyboard, skip link first', async ({ page }) => {
  await page.goto('/chapters/why-async/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  // The next stop is inside the chapter: its table of contents.
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});
