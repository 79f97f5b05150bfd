// npm run screenshots -- [path ...]: full-page PNGs of the built site (run `npm run build`
// first) at a phone and a laptop width, light and dark, into screenshots/ for a human to look at.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const PORT = Number(process.env['SCREENSHOT_PORT'] ?? 4349);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/', '/chapters/why-async/', '/search/?q=epoll'];
const viewports = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'laptop', width: 1280, height: 800 },
];

const server = spawn('astro', ['preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(PORT)], { stdio: 'ignore' });
try {
  for (let attempt = 0; !(await fetch(ORIGIN).then(() => true, () => false)); attempt++) {
    if (attempt > 100) throw new Error('astro preview did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await mkdir('screenshots', { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  for (const path of paths) {
    for (const viewport of viewports) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ viewport, colorScheme });
        await page.goto(ORIGIN + path, { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'cover'}-${viewport.name}-${colorScheme}.png`;
        // Long pages are cut into slices a person can look at one by one.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const slice = viewport.height * 2;
        for (let part = 0, y = 0; y < height; part++, y += slice) {
          const file = `screenshots/${name.replace('.png', `-${part + 1}.png`)}`;
          await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y, width: viewport.width, height: Math.min(slice, height - y) } });
          console.log(file);
        }
        await page.close();
      }
    }
  }
  await browser.close();
} finally {
  server.kill();
}
