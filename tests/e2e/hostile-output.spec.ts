// Output with no end keeps the page alive: a line that never ends is shown up to 10,000
// characters and counted after that (src/workbench/long-lines.ts), and the terminal's
// screen-reader copy no longer lays it out one character per line (workbench.css). Before, one
// such line froze a book page for over a minute, with Stop out of reach.
import { expect, test, type Page } from '@playwright/test';
import { emptyStorageOncePerTest, nextFrameMs } from './helpers.ts';

const demo = (tab: Page) => tab.locator('demo-embed[data-demo="reactor-callbacks"]');
const terminal = (tab: Page) => demo(tab).locator('.xterm-rows');

async function runEdited(tab: Page, code: string) {
  await tab.goto('/chapters/twisted/?runtime=worker');
  await demo(tab).locator('.demo-file pre:visible').first().click();
  const editor = demo(tab).getByRole('textbox', { name: 'Edit main.js' });
  await editor.click();
  await tab.keyboard.press('ControlOrMeta+a');
  await tab.keyboard.press('Delete');
  await tab.keyboard.insertText(code);
  await demo(tab).getByRole('button', { name: 'Run', exact: true }).click();
}

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
