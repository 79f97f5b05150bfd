import { expect, type Page } from '@playwright/test';

/** The slide on screen: the only one not hidden. */
export const currentSlide = (page: Page) => page.locator('[data-deck-slide]:not([hidden])');

export async function expectAt(page: Page, hash: string, title?: string): Promise<void> {
  await page.locator('[data-deck][data-ready]').waitFor({ state: 'attached' });
  await expect(page).toHaveURL(new RegExp(`${hash.replace(/[/]/g, '\\/')}$`));
  if (title) await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText(title);
}

/** Presses keys on the deck itself (not in a field), one after another. */
export async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}
