import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const server = spawn('astro', ['preview', '--ignore-lock', '--host', '127.0.0.1', '--port', '4359'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 2500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const [path, out, w, h, ...keys] = process.argv.slice(2);
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto('http://127.0.0.1:4359' + path, { waitUntil: 'networkidle' });
for (const key of keys) { await page.keyboard.press(key); await page.waitForTimeout(150); }
await page.waitForTimeout(300);
console.log('url', page.url());
await page.screenshot({ path: out });
await browser.close(); server.kill();
