// A demo that allocates without end ends its own sandbox's process at V8's heap limit
// (src/runtimes/sandbox-frame.ts); the page notices and lives on. This test fills about 4 GB and
// a core for a dozen seconds, so it runs alone, after every other test (playwright.config.ts):
// beside it, other tests' timings would measure this one.
import { expect, test } from '@playwright/test';
import { emptyStorageOncePerTest, runEditedReactorCallbacks as runEdited } from './helpers.ts';

test.beforeEach(({ context }) => emptyStorageOncePerTest(context));

test('a program that allocates without end loses its own process, and the page says so and lives on', async ({ page: tab }) => {
  // About 4 GB in 80 MB steps: V8's heap limit ends the sandbox's process. Before, it took the tab.
  test.setTimeout(120_000);
  // Playwright takes the crash of any frame's process for the page's own, and stops answering for
  // the page; the page itself lives on. So it is read through a CDP session of the test's own.
  const cdp = await tab.context().newCDPSession(tab);
  const inPage = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value as T;
  };
  const terminalNow = () => inPage<string>(`document.querySelector('demo-embed[data-demo="reactor-callbacks"] .xterm-rows').textContent`);
  await runEdited(tab, 'const hoard = [];\nfor (;;) hoard.push(new Array(1e7).fill(1.5));');
  await expect.poll(terminalNow, { timeout: 90_000, intervals: [500] }).toContain('The demo stopped answering and was ended: its process most likely ran out of memory');
  const frameMs = await inPage<number>('new Promise((resolve) => { const asked = performance.now(); requestAnimationFrame(() => resolve(performance.now() - asked)); })');
  expect(frameMs).toBeLessThan(100);
  // And the next run works: the original code, in a new sandbox.
  const press = (name: string) =>
    inPage<void>(`(() => {
      const buttons = [...document.querySelectorAll('demo-embed[data-demo="reactor-callbacks"] button')];
      const button = buttons.find((b) => b.textContent === ${JSON.stringify(name)});
      button.click();
    })()`);
  // The fallback policy goes on to the next runtimes (the replay refuses edited code, and a
  // WebContainer boot is waited for): the reader stops that, resets the code and runs it.
  await press('Stop');
  await press('Reset');
  await press('Run');
  await expect.poll(terminalNow, { timeout: 15_000, intervals: [200] }).toContain('reactor stopped');
  await cdp.detach();
});

