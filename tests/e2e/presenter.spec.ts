import { readdir, readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { currentSlide, expectAt, press } from './deck-helpers.ts';
import { nextFrameMs } from './helpers.ts';

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
  // Three slides into chapter 1's 6 minutes: planned 6 × 3 / (its slides) minutes, so well behind.
  const slidesInChapter = await page.locator('[data-deck] [data-deck-slide][data-chapter="why-async"]').count();
  const plannedSeconds = Math.round((6 * 60 * 3) / slidesInChapter);
  const planned = `${Math.floor(plannedSeconds / 60)}:${String(plannedSeconds % 60).padStart(2, '0')}`;
  await expect(page.locator('[data-presenter-pace]')).toContainText(new RegExp(`Chapter 1 of \\d+ \\(6 min\\) · planned ${planned} of \\d+:\\d\\d · [34]:\\d\\d behind`));
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

test('s again opens a new presenter view and the older one closes, so one is left', async ({ page, context }) => {
  await page.goto('/deck/#/why-async/3');
  const first = context.waitForEvent('page');
  await press(page, 's');
  const older = await first;
  await expectAt(older, '#/why-async/3', 'Many users, mostly waiting');
  const closed = older.waitForEvent('close');
  const second = context.waitForEvent('page');
  await press(page, 's');
  const newer = await second;
  await closed;
  await expectAt(newer, '#/why-async/3', 'Many users, mostly waiting');
  expect(context.pages().filter((tab) => tab.url().includes('/deck/presenter/'))).toEqual([newer]);
});

test('the presenter view has a process of its own: the audience window crashing leaves it running', async ({ page, context }) => {
  await page.goto('/deck/#/why-async/3');
  const opened = context.waitForEvent('page');
  await press(page, 's');
  const presenter = await opened;
  await expectAt(presenter, '#/why-async/3', 'Many users, mostly waiting');
  const crashed = page.waitForEvent('crash');
  const cdp = await context.newCDPSession(page);
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  // The speaker's view still answers, moves and draws.
  await presenter.keyboard.press('ArrowRight');
  await expect(presenter).toHaveURL(/#\/why-async\/3\/1$|#\/why-async\/4/);
  expect(await nextFrameMs(presenter)).toBeLessThan(100);
});

test('the notes grow and shrink by keys and buttons, keep their size after a reload, and the help lists the keys', async ({ page }) => {
  await page.goto('/deck/presenter/#/why-async/3');
  const notes = page.locator('[data-presenter-notes]');
  const fontSize = () => notes.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  const base = await fontSize();
  await press(page, '+');
  await press(page, '+');
  await expect(page.locator('[data-notes-size]')).toHaveText('130%');
  expect(await fontSize()).toBeCloseTo(base * 1.3, 1);
  await page.getByRole('button', { name: 'Smaller notes' }).click();
  await expect(page.locator('[data-notes-size]')).toHaveText('115%');
  await page.reload();
  await expect(page.locator('[data-notes-size]')).toHaveText('115%');
  expect(await fontSize()).toBeCloseTo(base * 1.15, 1);
  await press(page, '-');
  await expect(page.locator('[data-notes-size]')).toHaveText('100%');
  // The keys move no slide, and the help says which they are.
  await expect(page).toHaveURL(/#\/why-async\/3$/);
  await press(page, '?');
  const help = page.getByRole('dialog', { name: 'Keys' });
  await expect(help.getByRole('row', { name: '+ Larger notes (in the presenter view)' })).toBeVisible();
  await expect(help.getByRole('row', { name: '− Smaller notes (in the presenter view)' })).toBeVisible();
});

test('axe finds no violations on the presenter view', async ({ page }) => {
  await page.goto('/deck/presenter/#/why-async/9');
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
  await page.goto('/deck/presenter/#/largest-pitfall/3');
  await expectAt(page, '#/largest-pitfall/3');
  await expect(page.locator('[data-presenter-next] demo-embed')).toBeAttached();
  const repeated = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const element of document.querySelectorAll('[id]')) seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  expect(repeated).toEqual([]);
});
