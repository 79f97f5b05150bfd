// The pictures (src/components/pictures): drawn at build time, the same in the book and on a
// slide, each an SVG image with a title, a description and a text equivalent, no script, its
// parts revealed click by click, and legible and whole on a projector.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PICTURE_IDS, PICTURE_STEPS } from '../../src/content-model/pictures.ts';
import { currentSlide, press } from './deck-helpers.ts';

interface Placed {
  id: string;
  chapter: string;
  n: string;
  steps: number;
  title: string;
  description: string;
  scripts: number;
}

/** Every picture on the deck's slides, with what its SVG says about itself. */
async function pictureSlides(page: Page): Promise<Placed[]> {
  await page.goto('/deck/');
  return page.locator('[data-deck-slide] [data-picture]').evaluateAll((figures) =>
    figures.map((figure) => {
      const svg = figure.querySelector('svg')!;
      const slide = figure.closest<HTMLElement>('[data-deck-slide]')!;
      const byId = (attribute: string) => document.getElementById(svg.getAttribute(attribute) ?? '')?.textContent?.trim() ?? '';
      return {
        id: figure.getAttribute('data-picture')!,
        chapter: slide.dataset['chapter']!,
        n: slide.dataset['n']!,
        steps: svg.querySelectorAll('[data-step]').length,
        title: svg.getAttribute('role') === 'img' ? byId('aria-labelledby') : '',
        description: byId('aria-describedby'),
        scripts: figure.querySelectorAll('script, [onload], [onclick]').length,
      };
    }),
  );
}

test('every picture is on one slide, an SVG image with a title and a description, no script, and as many steps as the slide counts', async ({ page }) => {
  const placed = await pictureSlides(page);
  expect(placed.map(({ id }) => id).sort()).toEqual([...PICTURE_IDS].sort());
  for (const picture of placed) {
    expect(picture.title, picture.id).not.toBe('');
    expect(picture.description.length, picture.id).toBeGreaterThan(40);
    expect(picture.scripts, picture.id).toBe(0);
    expect(picture.steps, picture.id).toBe(PICTURE_STEPS[picture.id as keyof typeof PICTURE_STEPS]);
  }
});

test('every picture is in the book too, named for screen readers, with its text equivalent under it', async ({ page }) => {
  const placed = await pictureSlides(page);
  for (const chapter of new Set(placed.map(({ chapter }) => chapter))) {
    await page.goto(`/chapters/${chapter}/`);
    for (const picture of placed.filter((candidate) => candidate.chapter === chapter)) {
      const figure = page.locator(`[data-picture="${picture.id}"]`);
      await expect(figure.getByRole('img', { name: picture.title })).toBeVisible();
      const words = figure.locator('.picture-words');
      await words.locator('summary').click();
      expect((await words.innerText()).length, picture.id).toBeGreaterThan(80);
    }
  }
});

test('a picture reveals its parts one click at a time, as a <Step> does', async ({ page }) => {
  const placed = (await pictureSlides(page)).find(({ id }) => id === 'loop-turning')!;
  await page.goto(`/deck/#/${placed.chapter}/${placed.n}`);
  const parts = currentSlide(page).locator('[data-picture] [data-step]');
  await expect(parts).toHaveCount(placed.steps);
  for (let shown = 0; shown <= placed.steps; shown++) {
    for (let part = 0; part < placed.steps; part++) {
      if (part < shown) await expect(parts.nth(part)).toBeVisible();
      else await expect(parts.nth(part)).toBeHidden();
    }
    if (shown < placed.steps) await press(page, 'ArrowRight');
  }
});

for (const theme of ['dark', 'light', 'contrast']) {
  test(`every slide with a picture or moving code is axe-clean in the ${theme} deck theme`, async ({ page }) => {
    // axe weighs the contrast of every label: about 3 s a slide on a two-core machine.
    test.setTimeout(120_000);
    const placed = await pictureSlides(page);
    const morphs = await page.locator('[data-deck-slide]:has([data-morph])').evaluateAll((slides) => slides.map((slide) => ({ chapter: slide.getAttribute('data-chapter')!, n: slide.getAttribute('data-n')! })));
    expect(morphs.length).toBeGreaterThan(1);
    await page.evaluate((chosen) => localStorage.setItem('async-talk:deck-theme', chosen), theme);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset['deckTheme'])).toBe(theme);
    const violations: string[] = [];
    for (const { chapter, n } of [...placed, ...morphs]) {
      await page.goto(`/deck/#/${chapter}/${n}`);
      await expect(currentSlide(page)).toHaveAttribute('data-n', n);
      await expect(currentSlide(page)).toHaveAttribute('data-chapter', chapter);
      const results = await new AxeBuilder({ page }).include('[data-deck-slide][data-current]').analyze();
      violations.push(...results.violations.map((violation) => `${chapter}/${n} ${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`));
    }
    expect(violations).toEqual([]);
  });
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${viewport.width}×${viewport.height} every picture fits its slide, with its labels whole, apart and legible`, async ({ browser }) => {
    const page = await browser.newPage({ viewport });
    const placed = await pictureSlides(page);
    const problems: string[] = [];
    for (const picture of placed) {
      await page.goto(`/deck/#/${picture.chapter}/${picture.n}/${picture.steps}`);
      const slide = currentSlide(page);
      await expect(slide).toHaveAttribute('data-n', picture.n);
      await page.evaluate(() => document.fonts.ready);
      problems.push(
        ...(await slide.evaluate(
          (element, { id, smallest }) => {
            const found: string[] = [];
            const inner = element.querySelector('.deck-slide-inner')!;
            const svg = element.querySelector<SVGSVGElement>(`[data-picture="${id}"] svg`)!;
            const within = (a: DOMRect, b: DOMRect) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
            const frame = svg.getBoundingClientRect();
            if (!within(frame, inner.getBoundingClientRect())) found.push(`${id}: the picture reaches past the slide`);
            if (inner.scrollHeight > inner.clientHeight + 2) found.push(`${id}: the slide's content is ${inner.scrollHeight - inner.clientHeight}px taller than the slide`);
            // What the viewBox becomes on screen: the drawing is scaled to fit, keeping its proportions.
            const box = svg.viewBox.baseVal;
            const scale = Math.min(frame.width / box.width, frame.height / box.height);
            const drawn = new DOMRect(frame.left + (frame.width - box.width * scale) / 2, frame.top + (frame.height - box.height * scale) / 2, box.width * scale, box.height * scale);
            const labels = [...svg.querySelectorAll('text')].filter((text) => text.textContent?.trim());
            const boxes = labels.map((text) => text.getBoundingClientRect());
            labels.forEach((text, index) => {
              const name = `${id}: "${text.textContent!.trim()}"`;
              if (!within(boxes[index]!, drawn)) found.push(`${name} is cut off at the picture's edge`);
              const size = parseFloat(getComputedStyle(text).fontSize) * scale;
              if (size < smallest) found.push(`${name} is ${size.toFixed(1)}px, under ${smallest}px`);
              for (let other = index + 1; other < labels.length; other++) {
                const a = boxes[index]!;
                const b = boxes[other]!;
                const overlap = Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
                // The same words drawn again in the same place restyle them on a step: not a clash.
                const restyled = labels[other]!.textContent === text.textContent && overlap > 0.9 * Math.max(a.width * a.height, b.width * b.height);
                if (!restyled && overlap > 0.15 * Math.min(a.width * a.height, b.width * b.height)) found.push(`${name} overlaps "${labels[other]!.textContent!.trim()}"`);
              }
            });
            return found;
          },
          // A label on a 1280-wide projector image no smaller than the deck's smallest text (its citations).
          { id: picture.id, smallest: viewport.width * 0.0115 },
        )),
      );
    }
    expect(problems).toEqual([]);
    await page.close();
  });
}
