import { expect, test } from '@playwright/test';
import { brokenInternalLinks } from './link-check.ts';

test('every internal link and asset in the build resolves, fragments included', async ({ request, baseURL }) => {
  const { checked, broken } = await brokenInternalLinks(request, { dir: 'dist', origin: baseURL!, base: '/' });
  expect(checked).toBeGreaterThan(20);
  expect(broken).toEqual([]);
});

test('pages are served cross-origin isolated, as WebContainer needs', async ({ page }) => {
  const response = await page.goto('/');
  expect(response!.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response!.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
