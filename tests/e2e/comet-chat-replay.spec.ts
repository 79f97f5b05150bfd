import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// comet-chat is a server: only WebContainer can run it live. Where WebContainer cannot boot, the
// page replays the session recorded from a real run (demos/comet-chat/replay.json, made by
// `npm run demos:record` from server.js driven by session.js) and must say so.
const chapter = '/chapters/comet-chat/';

const workbench = (page: Page) => page.getByRole('region', { name: 'Demo: The long-poll chat, in Node.js' });
const status = (page: Page) => workbench(page).locator('.wb-runtime');

/** The terminal's visible rows (xterm's DOM renderer draws one div per row), scrolled into view first. */
const terminalText = async (page: Page) => {
  await page.locator('.wb-terminal').scrollIntoViewIfNeeded();
  return page.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((row) => row.textContent!.replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
};

const SERVER_NOTE =
  'This demo is a server, and no server is running here: the terminal plays back a recorded session with the real server, ' +
  'driven by a scripted client whose lines start with [client]. The live preview needs WebContainer or the local runner.';
const REPLAY_NOTE = 'A replay shows a real run of the original code, not a live one.';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Presses Run and follows the recorded session as it plays. The terminal shows about fifteen
 * rows, so each step is looked for while it is on screen; the steps come in the recorded order.
 * Returns how long the session took to play, from Run to its exit line.
 */
async function runAndWatchSession(page: Page, timeout = 15_000): Promise<number> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const clicked = Date.now();
  const steps = [
    // The port is whatever was free when it was recorded (8000 unless something held it).
    '; a wait gives up after 2 s',
    '[client] browser A: GET /wait?since=0',
    'GET /wait?since=0 — parked, 2 waiting',
    'POST /send id=1 — woke 2',
    '[client] browser B: got [{"id":1,"text":"hello, both of you"}]',
    'POST /send — 400: text must not be empty',
    'GET /wait?since=1 — nothing new in 2 s, answered an empty list',
    'stopping (SIGTERM), 0 waiting',
    '[exited with code 0]',
  ];
  for (const step of steps) await expect.poll(() => terminalText(page), { timeout, message: `the terminal shows "${step}"` }).toContain(step);
  return Date.now() - clicked;
}

test.beforeEach(async ({ page }) => {
  // No saved edits from another test: replay refuses edited code.
  await page.addInitScript(() => localStorage.clear());
});

test('?runtime=replay plays the recorded session at its real pace and says there is no live server', async ({ page }) => {
  // About 7 s of session, then axe twice over the book's longest chapter, on a machine that may be busy.
  test.setTimeout(120_000);
  await page.goto(`${chapter}?runtime=replay`);
  const elapsed = await runAndWatchSession(page);
  // The session really took 7 s or more (its own pauses add up to 6.3 s, with a 2 s wait giving up):
  // a replay that dumped it all at once would be a different story.
  expect(elapsed).toBeGreaterThan(5_000);
  await expect(status(page)).toHaveText(`Ran in a replay of a recorded run, as the address (?runtime=replay) asked. ${REPLAY_NOTE} ${SERVER_NOTE}`);
  // Nothing is serving, so there is no preview to show.
  await expect(page.locator('.wb-preview')).toBeHidden();

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${colorScheme} ${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`)).toEqual([]);
  }
});

test('when WebContainer cannot boot, the page falls back to the recorded session after its grace, and says why', async ({ page }) => {
  // The preview is cross-origin isolated, so WebContainer is tried first; its servers are out of
  // reach here, so its boot fails or outlasts its grace (1.5 s), and the replay runs.
  test.setTimeout(60_000);
  await page.goto(chapter);
  await runAndWatchSession(page);
  await expect(status(page)).toHaveText(
    new RegExp(
      `^Ran in a replay of a recorded run: WebContainer (was still booting after 1\\.5 s, so the demo did not wait for it \\(it goes on booting, for your next Run\\)|failed to boot \\(.+\\))\\. ${escape(REPLAY_NOTE)} ${escape(SERVER_NOTE)}$`,
    ),
  );
  await expect(page.locator('.wb-preview')).toBeHidden();
});

test('on a host without cross-origin isolation, the page replays the session at once and says why', async ({ page }) => {
  // A host that does not send COOP and COEP: WebContainer cannot even try, so nothing waits on a boot.
  await page.route(`**${chapter}`, async (route) => {
    const response = await route.fetch();
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !/^cross-origin-(opener|embedder)-policy$/i.test(name)));
    await route.fulfill({ response, headers });
  });
  await page.goto(chapter);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await runAndWatchSession(page);
  await expect(status(page)).toHaveText(
    `Ran in a replay of a recorded run: this page is not cross-origin isolated, so WebContainer cannot boot. ${REPLAY_NOTE} ${SERVER_NOTE}`,
  );
});
