import type { APIRequestContext } from '@playwright/test';
import { builtHtml, builtPages } from './helpers.ts';

/** Every href and src in the build in `dir` that stays on the site, with where it was found. */
async function internalTargets(dir: string, base: string): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  for (const file of await builtPages(dir)) {
    const page = base + file.slice(1);
    const html = await builtHtml(file, dir);
    for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const url = match[1]!;
      if (/^(https?:|mailto:|data:)/.test(url)) continue;
      const absolute = new URL(url, `http://site${page}`);
      targets.set(absolute.pathname + absolute.hash, page);
    }
  }
  return targets;
}

/**
 * The internal links and assets of the build in `dir`, served at `origin` under `base`, that do
 * not resolve: each with the page it was found on. Fragments must name an element, and deck
 * addresses (#/chapter/n) a slide.
 */
export async function brokenInternalLinks(request: APIRequestContext, { dir, origin, base }: { dir: string; origin: string; base: string }): Promise<{ checked: number; broken: string[] }> {
  const targets = await internalTargets(dir, base);
  const broken: string[] = [];
  const bodies = new Map<string, string>();
  for (const [target, from] of targets) {
    const [path, fragment] = target.split('#') as [string, string | undefined];
    if (!path.startsWith(base)) {
      broken.push(`${target} (from ${from}): outside the site's base ${base}`);
      continue;
    }
    if (!bodies.has(path)) {
      const response = await request.get(origin + path);
      bodies.set(path, response.ok() ? await response.text() : '');
      if (!response.ok()) broken.push(`${target} (from ${from}): HTTP ${response.status()}`);
    }
    const body = bodies.get(path)!;
    const deckAddress = path === `${base}deck/` && fragment?.startsWith('/') ? /^\/([a-z0-9-]+)\/(\d+)$/.exec(fragment) : undefined;
    if (deckAddress) {
      // A deck address (#/chapter/n) names a slide, not an element id.
      if (!new RegExp(`data-chapter="${deckAddress[1]}" data-n="${deckAddress[2]}"`).test(body)) {
        broken.push(`${target} (from ${from}): the deck has no slide ${deckAddress[1]}/${deckAddress[2]}`);
      }
    } else if (fragment && !body.includes(`id="${decodeURIComponent(fragment)}"`)) {
      broken.push(`${target} (from ${from}): no element with id "${fragment}"`);
    }
  }
  return { checked: targets.size, broken };
}
