import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { load } from 'js-yaml';

/** The programs the page must cover: every entry of the manifest the workbench reads. */
const manifest = load(readFileSync('demos/python/demos.yaml', 'utf8')) as Record<string, { framework: string; runtimes: string[] }>;

test('"Run it" leads to how to install and run every Python program, with what each printed', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Run it' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Run the Python yourself');
  await expect(page.locator('#install ~ div pre, #install ~ pre').first()).toContainText('sudo apt install python3 python3-gevent python3-eventlet python3-twisted python3-greenlet');
  await expect(page.getByText('python -m pip install gevent eventlet twisted greenlet')).toBeVisible();

  const sections = page.locator('section.run-python-program');
  await expect(sections).toHaveCount(Object.keys(manifest).length);
  for (const [file, entry] of Object.entries(manifest)) {
    const section = page.locator('section.run-python-program', { has: page.getByRole('heading', { name: new RegExp(`^${file.replace('.', '\\.')}:`) }) });
    await expect(section.locator('pre').first(), file).toContainText(`python3 ${file}`);
    await expect(section, file).toContainText(entry.framework === 'stdlib' ? 'only the standard library' : `python3-${entry.framework}`);
    if (entry.runtimes.includes('replay')) await expect(section.locator('figure.recorded-run'), file).toContainText(`What python3 ${file}`);
  }
  // A server says how its recording was made, and which lines were its client's.
  await expect(page.locator('section.run-python-program', { hasText: 'chat_gevent.py' })).toContainText('CHAT_WAIT_TIMEOUT=2 python3 chat_gevent.py');
});
