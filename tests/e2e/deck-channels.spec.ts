// The deck's channels carry what any page of the site may post, demo code included: the deck
// and the presenter mirror read only well-formed messages, and a stored timer that is not a
// time starts at zero. (src/deck/window-sync.ts, src/shared/mirror-protocol.ts, stopwatch.ts)
import { expect, test, type Page } from '@playwright/test';
import { currentSlide, expectAt, press } from './deck-helpers.ts';

/** Posts each message on a channel of the site from another of its pages, as demo code could. */
async function postFrom(page: Page, channel: string, messages: unknown[]) {
  await page.evaluate(
    ({ channel, messages }) => {
      const sender = new BroadcastChannel(channel);
      for (const message of messages) sender.postMessage(message);
      sender.close();
    },
    { channel, messages },
  );
}

test('malformed positions on the deck channel neither blank the deck nor stop its keys', async ({ context }) => {
  const deck = await context.newPage();
  await deck.goto('/deck/#/why-async/2');
  await expectAt(deck, '#/why-async/2');
  const errors: string[] = [];
  deck.on('pageerror', (error) => errors.push(error.message));
  const stranger = await context.newPage();
  await stranger.goto('/search/');
  // Forged messages, then a hello: the deck answers it with where it is, once it has read the rest.
  const answer = await stranger.evaluate(
    (forged) =>
      new Promise<unknown>((resolve) => {
        const channel = new BroadcastChannel('async-talk:deck');
        channel.onmessage = ({ data }) => data?.from !== 'stranger' && data?.kind === 'state' && resolve(data.state);
        for (const message of forged) channel.postMessage(message);
        channel.postMessage({ kind: 'hello', from: 'stranger' });
      }),
    [
      { slide: 'abc' },
      { slide: 1.5 },
      { kind: 'state', from: 'forged', state: { slide: 'abc', step: 0, blackout: false } },
      { kind: 'state', from: 'forged', state: { slide: 1.5, step: 0, blackout: false } },
      { kind: 'state', from: 'forged', state: { slide: 3, step: Number.NaN, blackout: false } },
      { kind: 'state', from: 'forged', state: { slide: 3, step: 0, blackout: 'yes' } },
    ],
  );
  expect(answer).toEqual({ slide: 2, step: 0, blackout: false });
  expect(errors).toEqual([]);
  await expect(currentSlide(deck)).toHaveCount(1);
  await expect(currentSlide(deck)).toBeVisible();
  await deck.bringToFront();
  await deck.locator('[data-deck]').focus();
  await press(deck, 'ArrowRight', 'ArrowRight');
  await expect(deck).not.toHaveURL(/#\/why-async\/2$/);
  await expect(currentSlide(deck)).toBeVisible();
});

test('malformed mirror messages break nothing in the presenter view, which shows the next well-formed one', async ({ context }) => {
  const presenter = await context.newPage();
  await presenter.goto('/deck/presenter/#/largest-pitfall/4');
  await expectAt(presenter, '#/largest-pitfall/4');
  const errors: string[] = [];
  presenter.on('pageerror', (error) => errors.push(error.message));
  const stranger = await context.newPage();
  await stranger.goto('/search/');
  await postFrom(stranger, 'async-talk:demo-mirror', [
    { kind: 'state', state: { demo: 'blocking-stall', files: 'main.js', status: 'x', running: true, output: '', truncated: false } },
    { kind: 'state', state: { demo: 'blocking-stall', files: [{ path: 'main.js', text: 42 }], status: 'x', running: true, output: '', truncated: false } },
    { kind: 'state', state: { demo: 'blocking-stall' } },
    { kind: 'gone' },
    // Well formed: once the view shows it, it has read the others.
    { kind: 'state', state: { demo: 'blocking-stall', files: [{ path: 'main.js', text: '// well formed' }], status: 'Ran in a Web Worker.', running: false, output: 'done\n', truncated: false } },
  ]);
  const view = currentSlide(presenter).getByRole('region', { name: /^Mirror of the demo/ });
  await expect(view).toContainText('// well formed');
  expect(errors).toEqual([]);
});

test('a stored presenter timer that is not a time starts at 0:00, not NaN:NaN', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('async-talk:presenter-timer', '{"accumulatedMs":5,"startedAt":"soon"}'));
  await page.goto('/deck/presenter/');
  await expect(page.locator('[data-presenter-elapsed]')).toHaveText('0:00');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('[data-presenter-elapsed]')).toHaveText(/^0:0\d$/);
});
