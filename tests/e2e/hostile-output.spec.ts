// Output with no end keeps the page alive: a line that never ends is shown up to 10,000
// characters and counted after that (src/workbench/long-lines.ts), and the terminal's
// screen-reader copy no longer lays it out one character per line (workbench.css). Before, one
// such line froze a book page for over a minute, with Stop out of reach.
//
// Demo code that attacks the page itself gets nowhere: it runs in a sandboxed frame of its own
// (src/runtimes/sandbox-frame.ts), in its own process, with an opaque origin and no network.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { emptyStorageOncePerTest, longestMainThreadTaskMs, nextFrameMs, runEditedReactorCallbacks as runEdited, stopLatencyMs } from './helpers.ts';

const demo = (tab: Page) => tab.locator('demo-embed[data-demo="reactor-callbacks"]');
const terminal = (tab: Page) => demo(tab).locator('.xterm-rows');


/** The median of five frames in a row, in ms: a page that lives draws them; one that is frozen does not. */
async function medianFrameMs(tab: Page): Promise<number> {
  const frames: number[] = [];
  for (let i = 0; i < 5; i++) frames.push(await nextFrameMs(tab));
  return frames.sort((a, b) => a - b)[2]!;
}

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

test('a program that writes one endless line keeps the page drawing, says the line is cut, and stops at Stop', async ({ page: tab }) => {
  await runEdited(tab, 'for (;;) process.stdout.write(".");');
  await expect(terminal(tab)).toContainText('[this line goes on past 10,000 characters; the rest is not shown]');
  expect(await medianFrameMs(tab)).toBeLessThan(100);
  await demo(tab).getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(terminal(tab)).toContainText('[stopped]');
});

test('one line of 20,000 characters is shown up to 10,000, and the rest is counted', async ({ page: tab }) => {
  await runEdited(tab, 'console.log("x".repeat(20000)); console.log("after");');
  await expect(terminal(tab)).toContainText('[exited with code 0]');
  await expect(terminal(tab)).toContainText('[10,000 more characters]');
  await expect(terminal(tab)).toContainText('after');
  expect(await medianFrameMs(tab)).toBeLessThan(100);
});

test('demo code that floods its frame with messages holds neither the page nor Stop', async ({ page: tab }) => {
  // Junk and forged output, as fast as the worker can post them. Before the sandbox, this grew the
  // page's memory by 250 MB a second and Stop took 15 s to register.
  await runEdited(tab, 'const junk = new Array(1000).fill("x");\nfor (;;) { postMessage(junk); postMessage({ type: "output", text: "forged\\n" }); }');
  await expect(terminal(tab)).toContainText('forged');
  const longestTask = await longestMainThreadTaskMs(tab, async () => {
    for (let i = 0; i < 20; i++) await nextFrameMs(tab);
  });
  expect(longestTask).toBeLessThan(100);
  expect(await stopLatencyMs(tab)).toBeLessThan(200);
  await expect(terminal(tab)).toContainText('[stopped]');
});

test('a flood of trace lines, each naming a new lane, holds neither the page nor Stop', async ({ page: tab }) => {
  await runEdited(tab, 'for (let i = 0; ; i++) console.log("#trace " + JSON.stringify({ lane: "task " + i, from: i, to: i + 1, state: "running" }));');
  await expect(demo(tab).getByText('Only the first 40 tasks are drawn.')).toBeVisible();
  await expect(demo(tab).getByText(/[\d,]+ more trace events were not kept: a timeline keeps at most 50,000 events, of 200 tasks\./)).toBeVisible();
  const longestTask = await longestMainThreadTaskMs(tab, async () => {
    for (let i = 0; i < 20; i++) await nextFrameMs(tab);
  });
  expect(longestTask).toBeLessThan(100);
  expect(await stopLatencyMs(tab)).toBeLessThan(200);
  await expect(terminal(tab)).toContainText('[stopped]');
});

test('demo code has an opaque origin and no network: the site’s storage, its deck, the site and localhost are out of its reach', async ({ page: tab, context }) => {
  // A server on localhost, such as a chat server the speaker runs: it must hear nothing.
  const heard: string[] = [];
  const server = createServer((request, response) => {
    heard.push(`${request.method} ${request.url}`);
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // An open deck, which records every position it takes.
  const deck = await context.newPage();
  await deck.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(globalThis, { seen });
    new MutationObserver((changes) => {
      for (const change of changes) {
        const slide = change.target as HTMLElement;
        if (slide.hasAttribute('data-current')) seen.push(`${slide.dataset['chapter']}/${slide.dataset['n']}`);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-current'] });
  });
  await deck.goto('/deck/#/why-async/2');
  await expect(deck.locator('[data-deck-slide][data-current]')).toHaveAttribute('data-n', '2');
  await deck.evaluate(() => ((globalThis as unknown as { seen: string[] }).seen.length = 0));

  await runEdited(
    tab,
    [
      'const tries = {',
      '  indexedDB: () => new Promise((opened, refused) => { const request = indexedDB.open("x"); request.onsuccess = () => opened("opened"); request.onerror = () => refused(request.error); }),',
      '  caches: () => caches.keys().then(() => "read"),',
      '  "fetch the site": () => fetch("/").then((response) => "status " + response.status),',
      `  "post to localhost": () => fetch("http://127.0.0.1:${port}/send", { method: "POST", mode: "no-cors", body: "hi" }).then(() => "sent"),`,
      '};',
      'for (const [name, attempt] of Object.entries(tries)) {',
      '  try { console.log(name + ": " + (await attempt())); } catch (error) { console.log(name + ": refused, " + error.name); }',
      '}',
      'new BroadcastChannel("async-talk:deck").postMessage({ kind: "state", from: "demo", state: { slide: 5, step: 0, blackout: false } });',
      'console.log("origin " + self.origin);',
    ].join('\n'),
  );
  await expect(terminal(tab)).toContainText('[exited with code 0]');
  const text = (await terminal(tab).textContent()) ?? '';
  expect(text).toContain('indexedDB: refused, SecurityError');
  expect(text).toContain('caches: refused, ReferenceError');
  expect(text).toContain('fetch the site: refused, TypeError');
  expect(text).toContain('post to localhost: refused, TypeError');
  expect(text).toContain('origin null');
  expect(heard).toEqual([]);

  // The same message from the site's own page does move the deck: the channel was open, and
  // the demo's message, posted before it, never reached it.
  await tab.evaluate(() => new BroadcastChannel('async-talk:deck').postMessage({ kind: 'state', from: 'page', state: { slide: 7, step: 0, blackout: false } }));
  await expect(deck.locator('[data-deck-slide][data-current]')).toHaveAttribute('data-n', '7');
  expect(await deck.evaluate(() => (globalThis as unknown as { seen: string[] }).seen)).toEqual(['why-async/7']);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
