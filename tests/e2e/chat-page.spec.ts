import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../python/python-programs.ts';

/**
 * The chat page every chat server serves (demos/comet-chat/index.html), in Chromium, against the
 * Node.js server: the protocol suite checks the five servers give the same answers, so one is
 * enough for the page.
 */
const startChat = (port = 0) => startServer(process.execPath, ['demos/comet-chat/server.js'], { PORT: String(port) });

let server: RunningServer | undefined;
test.afterEach(() => server?.stop());

async function say(port: number, text: string) {
  const response = await fetch(`http://127.0.0.1:${port}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  expect(response.status).toBe(200);
}

test('shows markup in a message as text, and runs none of it', async ({ page }) => {
  server = await startChat();
  await page.goto(`http://127.0.0.1:${server.port}/`);
  const markup = '<img src=x onerror="document.title=\'pwned\'"><b>bold?</b>';
  await page.getByRole('textbox', { name: 'Message' }).fill(markup);
  await page.getByRole('button', { name: 'Send' }).click();
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages.getByRole('listitem')).toHaveText([markup]);
  await expect(messages.locator('img, b')).toHaveCount(0);
  await expect(page).toHaveTitle('Long-poll chat');
});

test('after the server restarts, says so and misses no message sent to the new one', async ({ page }) => {
  server = await startChat();
  const { port } = server;
  await page.goto(`http://127.0.0.1:${port}/`);
  const messages = page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  await say(port, 'before the restart');
  await say(port, 'and again');
  await expect(messages).toHaveText(['before the restart', 'and again']);

  server.stop();
  await expect(page.getByRole('status')).toContainText('Lost the server');
  server = await startChat(port); // a new server on the same address, with ids from 1 again
  await expect(messages.last()).toHaveText('The server restarted. Messages from before are above this line.');
  await say(port, 'after the restart');
  await expect(messages).toHaveText(['before the restart', 'and again', 'The server restarted. Messages from before are above this line.', 'after the restart']);
  await expect(page.getByRole('status')).toHaveText('');
});

test('says how many messages were too old for the server to keep, after a long time away', async ({ page }) => {
  server = await startChat();
  const { port } = server;
  // The page is away: every poll it makes fails, while 1,005 messages arrive.
  await page.route('**/wait?*', (route) => route.abort());
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.getByRole('status')).toContainText('Lost the server');
  for (let n = 1; n <= 1005; n += 5) await Promise.all([0, 1, 2, 3, 4].map((step) => say(port, `message ${n + step}`)));
  await page.unroute('**/wait?*');
  const messages = page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  await expect(messages.first()).toHaveText('5 messages were too old for the server to keep.');
  await expect(messages).toHaveCount(1001);
  await expect(messages.nth(1)).toHaveText(/^message \d+$/);
});
