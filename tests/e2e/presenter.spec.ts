import { readdir, readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { currentSlide, expectAt, press } from './deck-helpers.ts';

const title = (page: Page) => currentSlide(page).getByRole('heading', { level: 2 });

test('audience and presenter windows stay in sync both ways, across reloads of either', async ({ context }) => {
  const audience = await context.newPage();
  await audience.goto('/deck/#/why-async/1');
  const presenter = await context.newPage();
  await presenter.goto('/deck/presenter/');
  // A fresh presenter view joins the talk where it is.
  await expectAt(presenter, '#/why-async/1', 'Async networking in Python');

  await press(audience, 'ArrowRight');
  await expectAt(presenter, '#/why-async/2', 'Then and now');
  await press(presenter, 'ArrowRight');
  await expectAt(audience, '#/why-async/2/1');
  await expect(currentSlide(audience).locator('[data-step]')).toBeVisible();

  await audience.reload();
  await expectAt(audience, '#/why-async/2/1', 'Then and now');
  await press(presenter, 'ArrowRight');
  await expectAt(audience, '#/why-async/3', 'Many users, mostly waiting');

  await presenter.reload();
  await expectAt(presenter, '#/why-async/3', 'Many users, mostly waiting');
  await press(presenter, 'ArrowRight');
  await expectAt(audience, '#/why-async/4', 'One thread per connection');

  await press(presenter, 'b');
  await expect(audience.locator('[data-deck-blackout]')).toBeVisible();
  await press(presenter, 'b');
  await expect(audience.locator('[data-deck-blackout]')).toBeHidden();
});

test('the presenter view shows the slide, the next one, the notes and the time', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-26T10:00:00') });
  await page.goto('/deck/presenter/#/why-async/3');
  await expect(title(page)).toHaveText('Many users, mostly waiting');
  await expect(page.getByRole('heading', { name: 'Next: One thread per connection' })).toBeVisible();
  await expect(page.locator('[data-presenter-notes]')).toContainText('Dan Kegel called this the C10K problem');
  await expect(page.locator('[data-presenter-position]')).toHaveText(/^Slide 4 of \d+ · step 0 of 0$/);
  await expect(page.locator('[data-presenter-clock]')).toHaveText(/10:00/);
  await expect(page.locator('[data-presenter-pace]')).toContainText('timer not started');

  const elapsed = page.locator('[data-presenter-elapsed]');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.clock.runFor(5 * 60_000);
  await expect(elapsed).toHaveText('5:00');
  // Slide 3 of chapter 1's 13 slides at 6 minutes: about 1:23 planned, so well behind.
  await expect(page.locator('[data-presenter-pace]')).toContainText(/Chapter 1 of \d+ \(6 min\) · planned 1:23 of \d+:\d\d · 3:37 behind/);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.clock.runFor(60_000);
  await expect(elapsed).toHaveText('5:00');

  // The stopwatch survives a reload of the presenter view.
  await page.reload();
  await expect(page.locator('[data-presenter-elapsed]')).toHaveText('5:00');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.locator('[data-presenter-elapsed]')).toHaveText('0:00');
});

test('the next-slide preview is a static copy that nothing can focus, and says when steps remain', async ({ page }) => {
  await page.goto('/deck/presenter/#/why-async/2');
  await expect(page.getByRole('heading', { name: 'Next: Many users, mostly waiting (after 1 more step)' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('heading', { name: 'Next: Many users, mostly waiting', exact: true })).toBeVisible();
  const preview = page.locator('[data-presenter-next] [data-deck-slide]');
  await expect(preview).toHaveCount(1);
  expect(await preview.evaluate((element) => (element as HTMLElement).inert)).toBe(true);
  await expect(preview).toHaveAttribute('aria-hidden', 'true');
});

test('s in the deck opens the presenter view at the same slide', async ({ page, context }) => {
  await page.goto('/deck/#/why-async/3');
  const opened = context.waitForEvent('page');
  await press(page, 's');
  const presenter = await opened;
  await expectAt(presenter, '#/why-async/3', 'Many users, mostly waiting');
});

test('axe finds no violations on the presenter view', async ({ page }) => {
  await page.goto('/deck/presenter/#/why-async/7');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
});

test('the presenter plans the talk by the chapters\' minutes, which add up to the whole talk', async ({ page }) => {
  const files = (await readdir('content/chapters')).filter((name) => name.endsWith('.mdx'));
  const minutes = await Promise.all(files.map(async (name) => Number(/^minutes: (\d+)/m.exec(await readFile(`content/chapters/${name}`, 'utf8'))![1])));
  const total = minutes.reduce((sum, value) => sum + value, 0);
  expect(total).toBeGreaterThanOrEqual(45);
  expect(total).toBeLessThanOrEqual(60);
  await page.goto('/deck/presenter/');
  await expect(page.locator('[data-presenter-pace]')).toContainText(` of ${total}:00 · `);
  await expect(page.locator('[data-presenter-pace]')).toContainText(`Chapter 1 of ${files.length}`);
});

test("the presenter's preview of the next slide repeats none of the page's ids", async ({ page }) => {
  // The slide before the stall demo: the preview holds a copy of the demo, whose "Show the
  // original" checkbox has an id its label points to.
  await page.goto('/deck/presenter/#/largest-pitfall/2');
  await expectAt(page, '#/largest-pitfall/2');
  await expect(page.locator('[data-presenter-next] demo-embed')).toBeAttached();
  const repeated = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const element of document.querySelectorAll('[id]')) seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  expect(repeated).toEqual([]);
});
