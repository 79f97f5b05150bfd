// The local runtime, against `npm run present` (the build served with the local runner): the real
// gevent stall with its lanes, Stop on an edited runaway, and the chat served live in the
// preview. Then the same pages on a static host (astro preview, production headers), where the
// Python programs replay from their recordings and nothing asks for a runner.
import { expect, test, type Page } from '@playwright/test';
import { presentPort } from '../../playwright.config.ts';
import { isRunning } from '../../src/runner/client.ts';
import { emptyStorageOncePerTest, spansInOutline } from './helpers.ts';

const PRESENT = `http://127.0.0.1:${presentPort}`;
const LOCAL = 'Ran in the local runner (real Python and Node on this computer)';
const STALL = 'One greenlet that never yields stalls the others, and the cures';
/** A run, on a loaded machine, with room to spare. */
const RUN_TIMEOUT = 30_000;

const workbench = (page: Page, title: string) => page.getByRole('region', { name: `Demo: ${title}` });
const status = (page: Page, title: string) => workbench(page, title).locator('.wb-runtime');
const timeline = (page: Page) => page.getByRole('region', { name: /^Timeline of / });
const laneNames = (page: Page) => timeline(page).locator('.tl-lane').evaluateAll((lanes) => lanes.map((lane) => (lane as SVGGElement).dataset['lane']!));
/** The widest bar of `state` drawn in `lane`, in pixels. */
const widestBar = async (page: Page, lane: string, state: string) =>
  Math.max(0, ...spansInOutline(await timeline(page).locator(`.tl-lane[data-lane="${lane}"] .tl-span.tl-${state}`).getAttribute('d')).map(({ width }) => width));

const terminalText = async (page: Page) => {
  await page.locator('.wb-terminal').scrollIntoViewIfNeeded();
  return page.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((row) => row.textContent!.replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
};
const tallTerminal = (page: Page) => page.addStyleTag({ content: 'body .wb-terminal { height: 64rem; }' });
const untilExit = (page: Page, line = /\[exited with code 0\]/) => expect.poll(() => terminalText(page), { timeout: RUN_TIMEOUT }).toMatch(line);

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

const SLEEP0 = 'gevent.sleep(0) is a wait of zero';

/** Opens chapter 5 on `origin`, runs gevent_sleep0.py once, then replaces its code with `code` and runs that. */
async function runEditedSleep0(page: Page, origin: string, code: string, { replace = true } = {}) {
  await page.goto(`${origin}/chapters/gevent/`);
  await tallTerminal(page);
  await page.getByRole('button', { name: 'Run gevent_sleep0.py' }).click();
  const demo = workbench(page, SLEEP0);
  await untilExit(page);
  await demo.getByRole('button', { name: 'Edit code' }).click();
  await demo.getByRole('textbox', { name: 'Edit gevent_sleep0.py' }).click();
  if (replace) {
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
  }
  await page.keyboard.insertText(code);
  await demo.getByRole('button', { name: 'Run', exact: true }).click();
  return demo;
}

test.describe('served by npm run present', () => {
  test('the gevent stall runs on real gevent, and the timeline shows each greenlet blocked', async ({ page }) => {
    await page.goto(`${PRESENT}/chapters/largest-pitfall/`);
    await tallTerminal(page);
    await page.getByRole('button', { name: 'Run gevent_blocking_stall.py' }).click();
    await expect(status(page, STALL)).toHaveText(`${LOCAL}, this demo's first choice.`);
    await untilExit(page);
    const text = await terminalText(page);
    for (const way of ['cpu loop, never yields', 'cpu loop + gevent.sleep(0)', 'cpu loop + gevent.idle()', 'time.sleep() (not patched)', 'time.sleep() on the threadpool']) {
      expect(text).toMatch(new RegExp(`${way.replace(/[.()+]/g, '\\$&')} +worst client delay +[\\d.]+ ms`));
    }
    expect(text).not.toContain('#trace');
    await expect.poll(() => laneNames(page)).toEqual(['client 1', 'client 2', 'client 3', 'client 4', 'client 5', 'job']);
    // The job that never yields holds every client: each has a blocked bar as long as a good part of the job's.
    const job = await widestBar(page, 'job', 'running');
    for (const client of ['client 1', 'client 5']) expect(await widestBar(page, client, 'blocked')).toBeGreaterThan(job / 2);
  });

  test('an edited runaway is stopped, and its python process is gone', async ({ page }) => {
    const demo = await runEditedSleep0(page, PRESENT, 'import os\nprint("pid", os.getpid(), flush=True)\nwhile True:\n    pass\n');
    await expect.poll(() => terminalText(page), { timeout: RUN_TIMEOUT }).toMatch(/^pid \d+$/m);
    const pid = Number(/^pid (\d+)$/m.exec(await terminalText(page))![1]);
    expect(await isRunning(pid)).toBe(true);
    await demo.getByRole('button', { name: 'Stop' }).click();
    await untilExit(page, /\[stopped\]/);
    await expect.poll(() => isRunning(pid)).toBe(false);
  });

  test('a syntax error in edited Python shows its traceback', async ({ page }) => {
    await runEditedSleep0(page, PRESENT, 'print("unclosed"\n');
    await untilExit(page, /\[exited with code 1\]/);
    expect(await terminalText(page)).toMatch(/SyntaxError/);
    await expect(status(page, SLEEP0)).toHaveText(`${LOCAL}, this demo's first choice.`);
  });

  test('the Node chat runs live, and a message sent from the preview appears there', async ({ page }) => {
    await page.goto(`${PRESENT}/chapters/comet-chat/`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page, 'The long-poll chat, in Node.js')).toHaveText(`${LOCAL}, this demo's first choice.`);
    const preview = page.frameLocator('iframe.wb-preview');
    await preview.getByPlaceholder('Say something').fill('hello from the preview');
    await preview.getByPlaceholder('Say something').press('Enter');
    await expect(preview.getByRole('list', { name: 'Messages' })).toContainText('hello from the preview');
    await expect.poll(() => terminalText(page)).toMatch(/POST \/send id=1/);
    await workbench(page, 'The long-poll chat, in Node.js').getByRole('button', { name: 'Stop' }).click();
    await untilExit(page, /\[stopped\]/);
  });
});

test.describe('on a static host', () => {
  test('a Python program replays its recording, timeline included, and nothing asks for a runner', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('request', (request) => request.url().includes('__runner') && problems.push(`asked: ${request.url()}`));
    // No network beyond this computer, as at a venue.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto('/chapters/largest-pitfall/');
    await tallTerminal(page);
    await expect(page.locator('meta[name="async-talk-runner"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Run gevent_blocking_stall.py' }).click();
    await expect(status(page, STALL)).toHaveText(
      'Ran in a replay of a recorded run: this page comes from a static host, not from `npm run present` on your own computer, so the local runner cannot run it. ' +
        'A replay shows a real run of the original code, not a live one.',
    );
    await untilExit(page);
    expect(await terminalText(page)).toMatch(/cpu loop, never yields +worst client delay +[\d.]+ ms/);
    await expect.poll(() => laneNames(page)).toEqual(['client 1', 'client 2', 'client 3', 'client 4', 'client 5', 'job']);
    // The "Run in" setting offers only what this page has.
    const choices = await workbench(page, STALL).getByLabel('Run in').locator('option').allTextContents();
    expect(choices).toEqual(['the best available', 'a replay of a recorded run']);
    expect(problems).toEqual([]);
  });

  test('a Node demo does not mention the local runner where the browser runs it live', async ({ page }) => {
    await page.goto('/chapters/twisted/?runtime=worker');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page, 'A reactor and a Deferred, Twisted style')).toHaveText('Ran in a Web Worker, as the address (?runtime=worker) asked.');
  });

  test('an edit that only the local runner could run says how to run it', async ({ page }) => {
    await runEditedSleep0(page, '', '# edited\n', { replace: false });
    await expect.poll(() => terminalText(page)).toContain('npm run present');
    expect((await terminalText(page)).replace(/\n/g, '')).toContain(
      'or run your version on your own computer: `npm run present` serves this page with the local runner, which runs it for real.',
    );
  });
});
