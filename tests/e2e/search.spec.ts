import { expect, test } from '@playwright/test';

test('search finds a word that chapter 1 explains, and the result opens it', async ({ page }) => {
  await page.goto('/search/');
  await page.getByRole('searchbox', { name: 'Search the book' }).fill('epoll');
  const results = page.getByRole('list', { name: 'Results' });
  const chapterOne = results.getByRole('link', { name: 'Why async networking' });
  await expect(chapterOne).toHaveAttribute('href', /\/chapters\/why-async\//);
  await expect(page.getByRole('status')).toHaveText(/found for “epoll”/);
  await expect(results.locator('mark').first()).toHaveText(/epoll/i);
  await chapterOne.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why async networking');
});

test('a ?q= link runs the search at once, and a miss says so', async ({ page }) => {
  await page.goto('/search/?q=kqueue');
  await expect(page.getByRole('list', { name: 'Results' }).getByRole('link', { name: 'Why async networking' })).toHaveAttribute('href', /\/chapters\/why-async\//);
  await page.getByRole('searchbox').fill('zzyzxnotaword');
  await expect(page.getByRole('status')).toHaveText('Nothing found for “zzyzxnotaword”.');
});

test('the search page loads no search engine until the reader searches', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(request.url()));
  await page.goto('/search/');
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((url) => url.includes('/pagefind/'))).toEqual([]);
  await page.getByRole('searchbox').focus();
  await expect.poll(() => fetched.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
});
