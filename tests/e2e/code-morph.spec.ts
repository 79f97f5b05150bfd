// Code that moves (CodeMorph.astro, src/deck/code-morph.ts): side by side in the book; on a
// slide, one click to each next version, moved token by token, cut for reduced motion or when
// the animation's code is not there; that code loads only when its slide comes near.
import { expect, test, type Page } from '@playwright/test';
import { CODE_MORPHS } from '../../src/content-model/code-morphs.ts';
import { currentSlide, expectAt, press } from './deck-helpers.ts';

/** The deck address of the slide holding a morph, from the built deck. */
async function morphSlide(page: Page, id: string): Promise<{ chapter: string; n: number }> {
  await page.goto('/deck/');
  const slide = page.locator('[data-deck-slide]', { has: page.locator(`[data-morph]:has(.code-morph-title:text-is("${CODE_MORPHS[id as keyof typeof CODE_MORPHS].title}"))`) });
  return { chapter: (await slide.getAttribute('data-chapter'))!, n: Number(await slide.getAttribute('data-n')) };
}

const labels = (id: keyof typeof CODE_MORPHS) => CODE_MORPHS[id].versions.map(({ label }) => label);
const shownLabel = (page: Page) => currentSlide(page).locator('.code-morph-labels [data-current]');
const stage = (page: Page) => currentSlide(page).locator('.code-morph-stage');
const moving = (page: Page) => currentSlide(page).locator('.shiki-magic-move-enter-active, .shiki-magic-move-move, .shiki-magic-move-leave-active');

test('the book shows the versions side by side, each the lines of the file the tests run, with no tokens for an animation', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/chapters/twisted/');
  const morph = page.locator('.code-morph').first();
  const versions = morph.locator('.code-morph-version');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('@defer.inlineCallbacks');
  await expect(versions.nth(0)).toContainText('demos/python/twisted_inline_callbacks.py');
  await expect(versions.nth(1)).toContainText('async def build_page():');
  const [left, right] = [(await versions.nth(0).boundingBox())!, (await versions.nth(1).boundingBox())!];
  expect(right.y).toBe(left.y);
  expect(right.x).toBeGreaterThanOrEqual(left.x + left.width);
  expect(await page.locator('script[data-morph-tokens]').count()).toBe(0);
});

test('on a slide each click moves the code to its next version, token by token, and the animation loads only near its slide', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const { chapter, n } = await morphSlide(page, 'wait-handler');
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`/deck/#/${chapter}/${n - 3}`);
  await page.reload();
  await expectAt(page, `#/${chapter}/${n - 3}`);
  expect(requested.filter((url) => /code-morph\.[\w-]+\.js$/.test(url))).toEqual([]);
  await page.goto(`/deck/#/${chapter}/${n}`);
  await expect(currentSlide(page).locator('[data-morph][data-morph-animated]')).toHaveCount(1);
  expect(requested.filter((url) => /code-morph\.[\w-]+\.js$/.test(url))).toHaveLength(1);
  await expect(shownLabel(page)).toHaveText(labels('wait-handler')[0]!);
  await expect(stage(page)).toContainText('gevent.wait([new_message, hung_up], count=1)');
  await press(page, 'ArrowRight');
  await expect(moving(page).first()).toBeAttached();
  await expectAt(page, `#/${chapter}/${n}/1`);
  await expect(shownLabel(page)).toHaveText(labels('wait-handler')[1]!);
  await expect(stage(page)).toContainText('new_message.wait()  # blocks this green thread only');
  await expect(stage(page)).not.toContainText('gevent');
  await expect(moving(page)).toHaveCount(0);
  await press(page, 'ArrowRight', 'ArrowRight');
  await expect(shownLabel(page)).toHaveText('Node.js');
  await expect(stage(page)).toContainText("res.on('close', () => {");
});

test('with reduced motion a click cuts to the next version, and without the animation code the slide still steps', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { chapter, n } = await morphSlide(page, 'wait-handler');
  await page.goto(`/deck/#/${chapter}/${n}`);
  await expect(currentSlide(page).locator('[data-morph-animated]')).toHaveCount(1);
  await press(page, 'ArrowRight');
  await expect(stage(page)).toContainText('eventlet.Timeout(WAIT_SECONDS, False)');
  expect(await moving(page).count()).toBe(0);

  // Offline before the animation was cached: the static versions are the steps.
  await page.route(/code-morph\.[\w-]+\.js$/, (route) => route.abort());
  await page.goto(`/deck/#/${chapter}/${n}`);
  await page.reload();
  await expectAt(page, `#/${chapter}/${n}`);
  await press(page, 'ArrowRight', 'ArrowRight');
  await expect(shownLabel(page)).toHaveText('Twisted');
  await expect(currentSlide(page).locator('.code-morph-version:visible')).toHaveCount(1);
  await expect(currentSlide(page).locator('.code-morph-version:visible')).toContainText('return NOT_DONE_YET');
  await expect(currentSlide(page).locator('[data-morph-animated]')).toHaveCount(0);
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${viewport.width}×${viewport.height} every version of every morph fits its slide`, async ({ browser }) => {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    for (const id of Object.keys(CODE_MORPHS) as (keyof typeof CODE_MORPHS)[]) {
      const { chapter, n } = await morphSlide(page, id);
      for (let step = 0; step < CODE_MORPHS[id].versions.length; step++) {
        await page.goto(`/deck/#/${chapter}/${n}/${step}`);
        await expect(shownLabel(page)).toHaveText(labels(id)[step]!);
        await page.evaluate(() => document.fonts.ready);
        problems.push(
          ...(await currentSlide(page).evaluate((slide, where) => {
            const found: string[] = [];
            const inner = slide.querySelector('.deck-slide-inner')!;
            if (inner.scrollHeight > inner.clientHeight + 2) found.push(`${where}: ${inner.scrollHeight - inner.clientHeight}px taller than the slide`);
            for (const code of slide.querySelectorAll<HTMLElement>('.code-morph pre')) {
              if (code.offsetParent !== null && code.scrollWidth > code.clientWidth + 2) found.push(`${where}: a line ${code.scrollWidth - code.clientWidth}px wider than its box`);
            }
            return found;
          }, `${id} version ${step + 1}`)),
        );
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });
}
