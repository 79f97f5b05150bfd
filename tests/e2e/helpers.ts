import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';

/** Every built HTML page, as a site path ("/", "/chapters/why-async/", …). */
export async function builtPages(dir = 'dist'): Promise<string[]> {
  const pages: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const path = join(entry.parentPath, entry.name).slice(dir.length).replace(/index\.html$/, '');
    pages.push(path);
  }
  return pages.sort();
}

export async function builtHtml(path: string, dir = 'dist'): Promise<string> {
  const file = path.endsWith('/') ? `${path}index.html` : path;
  return readFile(join(dir, file), 'utf8');
}

/**
 * Each test starts with no saved edits or settings in localStorage; a reload within the test
 * keeps them (the mark lives in the tab's sessionStorage, which a reload keeps).
 */
export async function emptyStorageOncePerTest(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-storage-emptied')) {
      localStorage.clear();
      sessionStorage.setItem('e2e-storage-emptied', '1');
    }
  });
}

/**
 * How long the page takes to run its next animation frame, in ms: what a reader feels as a
 * frozen or a live page. Asked in the page, so a slow test runner does not count.
 */
export function nextFrameMs(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const asked = performance.now();
        requestAnimationFrame(() => resolve(performance.now() - asked));
      }),
  );
}

/**
 * The longest task the page's main thread ran while `during` ran, in ms of that thread's CPU
 * time (Chromium's trace): what the page's own work costs a frame. A wall-clock gap between two
 * frames also counts the moments a two-core machine shared by two test workers gives the thread
 * no core at all (gaps of 170-450 ms were seen while the page's longest task took 26 ms); CPU
 * time counts only work, so a page that holds its thread fails and a busy machine does not. The
 * test's own calls into the page (Playwright's protocol commands) are not the page's work, nor
 * is a demo sandbox's main thread, in a process of its own.
 */
export async function longestMainThreadTaskMs(page: import('@playwright/test').Page, during: () => Promise<void>): Promise<number> {
  interface TraceEvent {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    ts: number;
    dur?: number;
    tdur?: number;
    args?: { name?: string; data?: { frames?: { processId?: number; parent?: string }[] } };
  }
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  // The page's own renderer: a sandboxed demo frame has a process, and a main thread, of its own,
  // whose work is the demo's and not the page's.
  const frames = events.find((event) => event.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
  const pagePid = frames.find((frame) => frame.parent === undefined)?.processId;
  if (pagePid === undefined) throw new Error("the trace does not say which process is the page's");
  const mainThreads = new Set(
    events.filter((event) => event.pid === pagePid && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`),
  );
  const onMain = events.filter((event) => event.ph === 'X' && mainThreads.has(`${event.pid}:${event.tid}`));
  const commands = onMain.filter((event) => event.name === 'DevToolsSession::DispatchProtocolCommand');
  const tasks = onMain.filter(
    (task) =>
      task.name === 'RunTask' &&
      task.tdur !== undefined &&
      !commands.some((command) => command.tid === task.tid && command.ts >= task.ts && command.ts <= task.ts + (task.dur ?? 0)),
  );
  if (tasks.length === 0) throw new Error("the trace holds no task of the page's main thread");
  return Math.max(...tasks.map((task) => task.tdur! / 1000));
}

/**
 * The spans a timeline path draws, in pixels from the chart's left: each span is a rectangle in
 * its state's path, "M{left} {top}h{width}v{height}h-{width}z" (src/workbench/timeline-view.ts).
 */
export function spansInOutline(outline: string | null): { left: number; width: number }[] {
  return [...(outline ?? '').matchAll(/M([\d.]+) [\d.]+h([\d.]+)v/g)].map(([, left, width]) => ({ left: Number(left), width: Number(width) }));
}

/** Opens the editor of a workbench that is showing the page's static code. */
export async function startEditing(page: import('@playwright/test').Page): Promise<void> {
  const edit = page.getByRole('button', { name: 'Edit code' });
  if (await edit.isVisible()) await edit.click();
  await page.locator('.cm-editor').first().waitFor();
}

/**
 * From a click on the workbench's Stop to its Run button coming back (the run settled), in ms,
 * measured inside the page: what the reader waits for.
 */
export function stopLatencyMs(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const buttons = [...document.querySelectorAll<HTMLButtonElement>('.wb-button')];
        const [run, stop] = [buttons.find((b) => b.textContent === 'Run')!, buttons.find((b) => b.textContent === 'Stop')!];
        const clicked = performance.now();
        new MutationObserver(() => !run.disabled && resolve(performance.now() - clicked)).observe(run, { attributes: true });
        stop.click();
      }),
  );
}

/**
 * Opens reactor-callbacks on the Twisted chapter in the Web Worker, replaces its main.js with
 * `code` as a reader would, and presses Run.
 */
export async function runEditedReactorCallbacks(tab: import('@playwright/test').Page, code: string): Promise<void> {
  const demo = tab.locator('demo-embed[data-demo="reactor-callbacks"]');
  await tab.goto('/chapters/twisted/?runtime=worker');
  await demo.locator('.demo-file pre:visible').first().click();
  const editor = demo.getByRole('textbox', { name: 'Edit main.js' });
  await editor.click();
  await tab.keyboard.press('ControlOrMeta+a');
  await tab.keyboard.press('Delete');
  await tab.keyboard.insertText(code);
  await demo.getByRole('button', { name: 'Run', exact: true }).click();
}
