import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { currentSlide, expectAt, press } from './deck-helpers.ts';

test('keys move through slides and steps, and the URL follows', async ({ page }) => {
  await page.goto('/deck/');
  await expectAt(page, '#/why-async/0', 'Why async networking');
  await press(page, 'ArrowRight');
  await expectAt(page, '#/why-async/1', 'Async networking in Python');
  await press(page, ' ');
  await expectAt(page, '#/why-async/2', 'Then and now');
  const step = currentSlide(page).locator('[data-step]');
  await expect(step).toBeHidden();
  await press(page, 'PageDown');
  await expectAt(page, '#/why-async/2/1');
  await expect(step).toBeVisible();
  await press(page, 'n');
  await expectAt(page, '#/why-async/3', 'Many users, mostly waiting');
  await press(page, 'p');
  await expectAt(page, '#/why-async/2/1', 'Then and now');
  await press(page, 'PageUp');
  await expectAt(page, '#/why-async/2');
  await expect(step).toBeHidden();
  await press(page, 'Shift+Space', 'ArrowLeft');
  await expectAt(page, '#/why-async/0');
  await press(page, 'End');
  const last = page.locator('[data-deck-slide]').last();
  await expectAt(page, `#/${await last.getAttribute('data-chapter')}/${await last.getAttribute('data-n')}`, (await last.getAttribute('data-title'))!);
  await press(page, 'Home');
  await expectAt(page, '#/why-async/0');
});

test('a deep link lands on its slide and step, after a reload too, and back/forward work', async ({ page }) => {
  await page.goto('/deck/#/why-async/2/1');
  await expectAt(page, '#/why-async/2/1', 'Then and now');
  await expect(currentSlide(page).locator('[data-step]')).toBeVisible();
  await page.reload();
  await expectAt(page, '#/why-async/2/1', 'Then and now');
  await expect(currentSlide(page).locator('[data-step]')).toBeVisible();
  await press(page, 'ArrowRight');
  await expectAt(page, '#/why-async/3', 'Many users, mostly waiting');
  await page.goBack();
  await expectAt(page, '#/why-async/2/1', 'Then and now');
  await page.goForward();
  await expectAt(page, '#/why-async/3', 'Many users, mostly waiting');
});

test('code-line steps light one group of lines per click', async ({ page }) => {
  await page.goto('/deck/');
  await press(page, 'g');
  await page.getByLabel('Slide number, or words from its title').fill('event loop by hand');
  await press(page, 'Enter');
  await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText('An event loop by hand');
  const lines = currentSlide(page).locator('pre .line');
  const lit = () => lines.evaluateAll((all) => all.flatMap((line, index) => (line.classList.contains('step-line-dim') ? [] : [index + 1])));
  expect(await lit()).toEqual([3]);
  await press(page, 'ArrowRight');
  expect(await lit()).toEqual([4, 5, 6, 7, 8]);
  await press(page, 'ArrowRight', 'ArrowRight');
  expect(await lit()).toEqual([11, 12, 13]);
  await press(page, 'ArrowRight');
  expect(await lit()).toHaveLength(13);
  await press(page, 'ArrowRight');
  await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText('The basic idea');
});

test('the steps counted at build time are the clicks each slide holds: its <Step>s and picture parts, its code-line groups after the first, and its code versions after the first', async ({ page }) => {
  await page.goto('/deck/');
  const slides = await page.locator('[data-deck-slide]').evaluateAll((elements) =>
    elements.map((slide) => ({
      address: `${(slide as HTMLElement).dataset['chapter']}/${(slide as HTMLElement).dataset['n']}`,
      counted: Number((slide as HTMLElement).dataset['steps'] ?? 0),
      held:
        slide.querySelectorAll('[data-step]').length +
        [...slide.querySelectorAll<HTMLElement>('pre[data-line-groups]')].reduce((sum, pre) => sum + (JSON.parse(pre.dataset['lineGroups']!) as unknown[]).length - 1, 0) +
        [...slide.querySelectorAll<HTMLElement>('[data-morph]')].reduce((sum, morph) => sum + morph.querySelectorAll('.code-morph-version').length - 1, 0),
    })),
  );
  // The deck has slides with steps of every kind, so the comparison means something.
  expect(slides.filter(({ held }) => held > 0).length).toBeGreaterThan(10);
  expect(await page.locator('[data-deck-slide] svg [data-step]').count()).toBeGreaterThan(5);
  expect(await page.locator('[data-deck-slide] [data-morph]').count()).toBeGreaterThan(1);
  expect(slides.filter(({ counted, held }) => counted !== held)).toEqual([]);
});

test('the overview shows every slide and Enter jumps to the chosen one', async ({ page }) => {
  await page.goto('/deck/#/why-async/2');
  const total = await page.locator('[data-deck-slide]').count();
  await press(page, 'o');
  await expect(page.locator('[data-deck-slide]:not([hidden])')).toHaveCount(total);
  await expect(page.getByRole('button', { name: /^Slide 3: Then and now$/ })).toBeFocused();
  // Every tile is a whole 16:9 slide, and no tile covers another.
  const tiles = await page.locator('[data-deck-slide]').evaluateAll((slides) => slides.map((slide) => slide.getBoundingClientRect().toJSON() as DOMRect));
  for (const tile of tiles) expect(tile.width / tile.height).toBeCloseTo(16 / 9, 1);
  for (let i = 0; i < tiles.length; i++) {
    for (let j = i + 1; j < tiles.length; j++) {
      const [a, b] = [tiles[i]!, tiles[j]!];
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      expect(overlap, `tiles ${i + 1} and ${j + 1} overlap`).toBe(false);
    }
  }
  // ↓ and ↑ move to the tile straight below and back.
  const focusedBox = () => page.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON() as DOMRect);
  const from = await focusedBox();
  await press(page, 'ArrowDown');
  const below = await focusedBox();
  expect(below.left).toBeCloseTo(from.left, 0);
  expect(below.top).toBeGreaterThan(from.bottom);
  await press(page, 'ArrowUp');
  await expect(page.getByRole('button', { name: /^Slide 3: Then and now$/ })).toBeFocused();
  await press(page, 'ArrowRight', 'ArrowRight', 'Enter');
  await expectAt(page, '#/why-async/4', 'One thread per connection');
  await expect(page.locator('[data-deck-slide]:not([hidden])')).toHaveCount(1);
  await press(page, 'o', 'Escape');
  await expectAt(page, '#/why-async/4', 'One thread per connection');
  await expect(page.locator('[data-deck-slide]:not([hidden])')).toHaveCount(1);
});

test('go to takes a number or words of a title, and says when nothing matches', async ({ page }) => {
  await page.goto('/deck/');
  await press(page, 'g');
  const dialog = page.getByRole('dialog', { name: 'Go to slide' });
  const field = dialog.getByRole('combobox', { name: 'Slide number, or words from its title' });
  await expect(field).toBeFocused();
  await page.keyboard.type('5');
  await press(page, 'Enter');
  await expect(dialog).toBeHidden();
  await expectAt(page, '#/why-async/4', 'One thread per connection');
  await press(page, 'g');
  await expect(field).toBeFocused();
  await page.keyboard.type('zzz');
  await press(page, 'Enter');
  await expect(dialog.getByRole('alert')).toHaveText(/No slide matches “zzz”/);
  await press(page, 'Escape');
  await expect(dialog).toBeHidden();
  await expectAt(page, '#/why-async/4');
});

test('b and . black the screen out and bring it back', async ({ page }) => {
  await page.goto('/deck/#/why-async/1');
  const blackout = page.locator('[data-deck-blackout]');
  await expect(blackout).toBeHidden();
  await press(page, 'b');
  await expect(blackout).toBeVisible();
  await press(page, 'b');
  await expect(blackout).toBeHidden();
  await press(page, '.');
  await expect(blackout).toBeVisible();
  await press(page, '.');
  await expect(blackout).toBeHidden();
});

test('? lists the keys', async ({ page }) => {
  await page.goto('/deck/');
  await press(page, '?');
  const help = page.getByRole('dialog', { name: 'Keys' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Black out the screen/ })).toBeVisible();
  await expect(help.getByRole('row', { name: /Overview/ })).toBeVisible();
  await press(page, 'Escape');
  await expect(help).toBeHidden();
});

test('keys typed in a field belong to it; Esc gives them back to the deck', async ({ page }) => {
  await page.goto('/deck/#/why-async/1');
  // Stands in for a demo's editor on a slide: any text field or contenteditable.
  await currentSlide(page).evaluate((slide) => {
    const field = document.createElement('input');
    field.setAttribute('aria-label', 'scratch field');
    slide.querySelector('.deck-slide-body')!.append(field);
  });
  const field = page.getByRole('textbox', { name: 'scratch field' });
  await field.click();
  await page.keyboard.type('n p ');
  await press(page, 'ArrowRight', 'PageDown');
  await expect(field).toHaveValue('n p ');
  await expectAt(page, '#/why-async/1');
  await press(page, 'Escape');
  await expect(field).not.toBeFocused();
  await press(page, 'n');
  await expectAt(page, '#/why-async/2');
});

test('a swipe moves a step on touch screens', async ({ page }) => {
  await page.goto('/deck/#/why-async/1');
  const swipe = (fromX: number, toX: number) =>
    page.evaluate(([from, to]) => {
      const target = document.querySelector('[data-deck-slide]:not([hidden])')!;
      const init = { pointerType: 'touch', bubbles: true, clientY: 300 };
      target.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: from }));
      target.dispatchEvent(new PointerEvent('pointerup', { ...init, clientX: to }));
    }, [fromX, toX] as const);
  await swipe(900, 300);
  await expectAt(page, '#/why-async/2');
  await swipe(300, 900);
  await expectAt(page, '#/why-async/1');
});

test('the slide is a 16:9 canvas scaled to the window', async ({ page }) => {
  for (const [width, height, expected] of [
    [1280, 720, [1280, 720]],
    [1920, 1080, [1920, 1080]],
    [1000, 1000, [1000, 562.5]],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/deck/#/why-async/1');
    const box = (await currentSlide(page).boundingBox())!;
    expect([box.width, box.height]).toEqual(expected);
  }
});

test('reduced motion turns transitions and animations off', async ({ page }) => {
  const motion = () =>
    page.evaluate(() => {
      const step = document.querySelector<HTMLElement>('[data-deck-slide]:not([hidden]) [data-step]')!;
      const slide = document.querySelector<HTMLElement>('[data-deck-slide]:not([hidden])')!;
      return [getComputedStyle(step).transitionDuration, getComputedStyle(slide).animationName];
    });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('/deck/#/why-async/2');
  expect(await motion()).not.toEqual(['0s', 'none']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  expect(await motion()).toEqual(['0s', 'none']);
});

test('screen readers hear "Slide N of M: title", and off-screen slides are out of the tree', async ({ page }) => {
  await page.goto('/deck/');
  const total = await page.locator('[data-deck-slide]').count();
  await press(page, 'ArrowRight');
  await expect(page.locator('[data-deck-announcer]')).toHaveText(`Slide 2 of ${total}: Async networking in Python`);
  expect(await page.locator('[data-deck-slide][hidden]').count()).toBe(total - 1);
  const tree = await page.locator('main').ariaSnapshot();
  expect(tree).toContain('Async networking in Python');
  expect(tree).not.toContain('Then and now');
  expect(await page.locator('[role="application"]').count()).toBe(0);
});

test('t cycles the themes, the choice is kept, and each theme is axe-clean', async ({ page }) => {
  await page.goto('/deck/#/why-async/5');
  const theme = () => page.evaluate(() => document.documentElement.dataset['deckTheme']);
  expect(await theme()).toBe('dark');
  for (const next of ['light', 'contrast']) {
    await press(page, 't');
    expect(await theme()).toBe(next);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  }
  await page.reload();
  expect(await theme()).toBe('contrast');
});

test('axe finds no violations on the deck, in the overview, or with the help open', async ({ page }) => {
  await page.goto('/deck/#/why-async/9');
  const check = async () => (await new AxeBuilder({ page }).analyze()).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`);
  expect(await check()).toEqual([]);
  await press(page, 'o');
  expect(await check()).toEqual([]);
  await press(page, 'Escape', '?');
  expect(await check()).toEqual([]);
});

test('printing gives exactly one page per slide, with every step shown', async ({ page }) => {
  await page.goto('/deck/');
  const slides = await page.locator('[data-deck-slide]').count();
  const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).toBe(slides);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-step]').first()).toBeVisible();
  await expect(page.locator('.deck-toolbar')).toBeHidden();

  await page.goto('/deck/?notes');
  expect(pages(await page.pdf({ preferCSSPageSize: true }))).toBe(slides);
  await expect(page.locator('[data-notes]').first()).toBeVisible();
});

test('"Present from here" in the book opens the deck at that slide', async ({ page }) => {
  await page.goto('/chapters/why-async/');
  await page.getByRole('link', { name: 'Present from here: Many users, mostly waiting' }).click();
  await expectAt(page, '#/why-async/3', 'Many users, mostly waiting');
});

test('the deck runs the whole talk end to end: every slide of every chapter, in order', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/deck/');
  // A slide's address (chapter/n) tells apart slides that share a title.
  const all = await page.locator('[data-deck-slide]').evaluateAll((slides) => slides.map((slide) => `${slide.getAttribute('data-chapter')}/${slide.getAttribute('data-n')}`));
  const seen: string[] = [];
  for (let press = 0; press < 1000; press++) {
    const here = `${await currentSlide(page).getAttribute('data-chapter')}/${await currentSlide(page).getAttribute('data-n')}`;
    if (seen.at(-1) !== here) seen.push(here);
    if (seen.length === all.length) break;
    await page.keyboard.press('PageDown');
  }
  expect(seen).toEqual(all);
  const chapterTitles = await page.locator('.deck-title-slide').count();
  expect(chapterTitles).toBe((await import('node:fs/promises').then((fs) => fs.readdir('content/chapters'))).filter((name) => name.endsWith('.mdx')).length);
  expect(errors).toEqual([]);
});

test('every slide of the talk has speaker notes for the presenter', async ({ page }) => {
  await page.goto('/deck/');
  const withoutNotes = await page
    .locator('[data-deck-slide]:not(.deck-title-slide)')
    .evaluateAll((slides) => slides.filter((slide) => !slide.querySelector('[data-notes]')).map((slide) => slide.getAttribute('data-title')));
  expect(withoutNotes).toEqual([]);
});

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
]) {
  test(`at ${viewport.width}×${viewport.height}, nothing on any slide is cut off: no text past its edges, no code line past its box`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await browser.newPage({ viewport });
    await page.goto('/deck/');
    const addresses = await page.locator('[data-deck-slide]').evaluateAll((slides) => slides.map((slide) => `${slide.getAttribute('data-chapter')}/${slide.getAttribute('data-n')}`));
    const clipped: string[] = [];
    for (const address of addresses) {
      await page.goto(`/deck/#/${address}`);
      const slide = currentSlide(page);
      await expect(slide).toHaveAttribute('data-chapter', address.split('/')[0]!);
      await page.evaluate(() => document.fonts.ready);
      clipped.push(
        ...(await slide.evaluate((element, address) => {
          const problems: string[] = [];
          const inner = element.querySelector<HTMLElement>('.deck-slide-inner') ?? element;
          if (inner.scrollHeight > inner.clientHeight + 2) problems.push(`${address}: content ${inner.scrollHeight - inner.clientHeight}px taller than the slide`);
          for (const code of element.querySelectorAll<HTMLElement>('pre')) {
            if (code.closest('[hidden], .workbench')) continue;
            if (code.scrollWidth > code.clientWidth + 2) problems.push(`${address}: a code line ${code.scrollWidth - code.clientWidth}px wider than its box`);
          }
          return problems;
        }, address)),
      );
    }
    expect(clipped).toEqual([]);
    await page.close();
  });
}
