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

/** Opens the editor of a workbench that is showing the page's static code. */
export async function startEditing(page: import('@playwright/test').Page): Promise<void> {
  const edit = page.getByRole('button', { name: 'Edit code' });
  if (await edit.isVisible()) await edit.click();
  await page.locator('.cm-editor').first().waitFor();
}
