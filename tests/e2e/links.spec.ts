import { expect, test } from '@playwright/test';
import { builtHtml, builtPages } from './helpers.ts';

/** Every href and src in the build that stays on the site, with where it was found. */
async function internalTargets(): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  for (const page of await builtPages()) {
    const html = await builtHtml(page);
    for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const url = match[1]!;
      if (/^(https?:|mailto:|data:)/.test(url)) continue;
      const absolute = new URL(url, `http://site${page}`);
      targets.set(absolute.pathname + absolute.hash, page);
    }
  }
  return targets;
}

test('every internal link and asset in the build resolves, fragments included', async ({ request }) => {
  const targets = await internalTargets();
  expect(targets.size).toBeGreaterThan(20);
  const broken: string[] = [];
  const bodies = new Map<string, string>();
  for (const [target, from] of targets) {
    const [path, fragment] = target.split('#') as [string, string | undefined];
    if (!bodies.has(path)) {
      const response = await request.get(path);
      bodies.set(path, response.ok() ? await response.text() : '');
      if (!response.ok()) broken.push(`${target} (from ${from}): HTTP ${response.status()}`);
    }
    const body = bodies.get(path)!;
    const deckAddress = path === '/deck/' && fragment?.startsWith('/') ? /^\/([a-z0-9-]+)\/(\d+)$/.exec(fragment) : undefined;
    if (deckAddress) {
      // A deck address (#/chapter/n) names a slide, not an element id.
      if (!new RegExp(`data-chapter="${deckAddress[1]}" data-n="${deckAddress[2]}"`).test(body)) {
        broken.push(`${target} (from ${from}): the deck has no slide ${deckAddress[1]}/${deckAddress[2]}`);
      }
    } else if (fragment && !body.includes(`id="${decodeURIComponent(fragment)}"`)) {
      broken.push(`${target} (from ${from}): no element with id "${fragment}"`);
    }
  }
  expect(broken).toEqual([]);
});

test('pages are served cross-origin isolated, as WebContainer needs', async ({ page }) => {
  const response = await page.goto('/');
  expect(response!.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response!.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
