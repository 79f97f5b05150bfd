// A reader's edits are never lost without a word: a save the browser refuses is said, kept on
// the page and offered to copy; two windows on one demo see each other's edits; Reset can be
// undone until the next edit. (src/workbench/edits-store.ts, workbench.ts, controls-view.ts)
import { expect, test, type Page } from '@playwright/test';
import { emptyStorageOncePerTest } from './helpers.ts';

const page = '/chapters/twisted/?runtime=worker';
const demo = (tab: Page) => tab.locator('demo-embed[data-demo="reactor-callbacks"]');
const editor = (tab: Page) => demo(tab).getByRole('textbox', { name: 'Edit main.js' });
const button = (tab: Page, name: string) => demo(tab).getByRole('button', { name, exact: true });

/** Opens the editor as a reader does: "Edit code" once the workbench is there, else a click into the code. */
async function openEditor(tab: Page) {
  if (await editor(tab).isVisible()) return;
  if (await button(tab, 'Edit code').isVisible()) await button(tab, 'Edit code').click();
  else await demo(tab).locator('.demo-file pre:visible').first().click();
  await expect(editor(tab)).toBeVisible();
}

/** Types `line` at the top of main.js, as a reader would. */
async function typeAtTop(tab: Page, line: string) {
  await openEditor(tab);
  await editor(tab).click();
  await tab.keyboard.press('ControlOrMeta+Home');
  await tab.keyboard.type(line);
}

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

test('an edit the browser refuses to store is said, kept on the page, offered to copy, and guarded on leaving', async ({ page: tab, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // A full quota, as the browser reports it, for the demo's edits only.
  await tab.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('async-talk:demo-edit:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
  });
  await tab.goto(page);
  await typeAtTop(tab, '// kept on the page\n');
  await expect(demo(tab).locator('.wb-runtime')).toContainText(
    "Your edits are not saved: this browser's storage for the site is full. They stay on this page while it is open; Copy code keeps them elsewhere.",
  );
  await expect(editor(tab)).toContainText('// kept on the page');

  await button(tab, 'Copy code').click();
  await expect(demo(tab).locator('.wb-runtime')).toContainText('Your code is copied: paste it somewhere safe.');
  expect(await tab.evaluate(() => navigator.clipboard.readText())).toMatch(/^\/\/ kept on the page\n/);

  // Leaving would lose it: the browser asks first. The reader then leaves all the same, so the
  // tab is gone before the test ends (a tab left open behind a dismissed dialog made the test's
  // own teardown fail once in CI).
  const asked = tab.waitForEvent('dialog');
  const closed = tab.waitForEvent('close');
  await tab.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await closed;
});

test('two windows on the same demo see each other\'s edits, Reset included', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(page);
  await second.goto(page);
  await openEditor(second);

  await typeAtTop(first, '// typed in the first window\n');
  await expect(editor(second)).toContainText('// typed in the first window');
  await expect(demo(second).locator('.wb-runtime')).toContainText('main.js was changed in another window, and this one now shows that version');

  await typeAtTop(second, '// and in the second\n');
  await expect(editor(first)).toContainText('// and in the second');
  await expect(editor(first)).toContainText('// typed in the first window');

  await button(second, 'Reset').click();
  await expect(editor(first)).not.toContainText('// typed in the first window');
  await expect(button(first, 'Reset')).toBeDisabled();
});

test('Reset asks nothing, and "Undo reset" brings every edit back until the next edit', async ({ page: tab }) => {
  await tab.goto(page);
  await typeAtTop(tab, '// worth keeping\n');
  await button(tab, 'Reset').click();
  await expect(editor(tab)).not.toContainText('// worth keeping');
  await expect(button(tab, 'Undo reset')).toBeVisible();

  await button(tab, 'Undo reset').click();
  await expect(editor(tab)).toContainText('// worth keeping');
  await expect(button(tab, 'Undo reset')).toBeHidden();
  await expect(button(tab, 'Reset')).toBeFocused();
  // Saved again: a reload shows the edit.
  await tab.reload();
  await expect(demo(tab).locator('.demo-saved')).toContainText('// worth keeping');

  // An edit after a Reset makes it final.
  await typeAtTop(tab, '');
  await button(tab, 'Reset').click();
  await expect(button(tab, 'Undo reset')).toBeVisible();
  await typeAtTop(tab, '// new\n');
  await expect(button(tab, 'Undo reset')).toBeHidden();
});
