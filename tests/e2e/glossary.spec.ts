import { expect, test } from '@playwright/test';
import { readGlossary } from '../../src/content-model/glossary.ts';

const entries = readGlossary();

test('the glossary defines every term, each with the chapter that explains it', async ({ page }) => {
  await page.goto('/glossary/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  await expect(page.locator('dt')).toHaveCount(entries.length);
  for (const { key, term } of entries) {
    const entry = page.locator(`dt#term-${key}`);
    await expect(entry).toHaveText(term);
    await expect(page.locator(`dt#term-${key} + dd`).getByRole('link', { name: /^Chapter \d+, / })).toHaveAttribute('href', /\/chapters\/[a-z-]+\//);
  }
});

test('a chapter links the first use of a term to its entry, and only the first', async ({ page }) => {
  await page.goto('/chapters/twisted/');
  const reactor = page.locator('article a.glossary-term[href$="#term-reactor"]');
  await expect(reactor).toHaveCount(1);
  await reactor.click();
  await expect(page).toHaveURL(/\/glossary\/#term-reactor$/);
  await expect(page.locator('dt#term-reactor')).toBeInViewport();
});

test('no slide carries a glossary link: the deck stays as the audience sees it', async ({ page }) => {
  await page.goto('/deck/');
  await expect(page.locator('.deck-slide').first()).toBeVisible();
  await expect(page.locator('a.glossary-term')).toHaveCount(0);
});

test('search finds a term in the glossary', async ({ page }) => {
  await page.goto('/search/?q=tasklet');
  await expect(page.getByRole('list', { name: 'Results' }).getByRole('link', { name: 'Glossary' })).toHaveAttribute('href', /\/glossary\//);
});
