import { expect, test } from '@playwright/test';

test('search finds a word that only chapter 1 explains, and the result opens it', async ({ page }) => {
  await page.goto('/search/');
  const box = page.getByRole('searchbox');
  await box.fill('epoll');
  const result = page.locator('.pagefind-ui__result-link').first();
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute('href', /\/chapters\/why-async\//);
  await result.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why async networking');
});

test('a ?q= link runs the search at once', async ({ page }) => {
  await page.goto('/search/?q=kqueue');
  await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /\/chapters\/why-async\//);
});
