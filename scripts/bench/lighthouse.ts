// Lighthouse, run against the built site in Debian's Chromium, for the design's budget of 100 in
// each category on a chapter and on the deck. Lighthouse launches its own browser (through
// chrome-launcher) because it drives it over its own DevTools session.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { launch } from 'chrome-launcher';

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];

/**
 * A chapter is measured as a phone reads it (Lighthouse's default: a mid-range phone on slow 4G)
 * and on a laptop; the deck on a laptop, where a talk is given. (On a phone the 16:9 slide is
 * scaled down below legible text size by design: the book is the phone's way to read the talk.)
 */
export interface LighthousePage {
  path: string;
  formFactor: 'mobile' | 'desktop';
}

export interface LighthouseResult extends LighthousePage {
  /** 0–100 per category. */
  scores: Record<LighthouseCategory, number>;
  /** The audits that cost points, for the report: "id (score)". */
  failing: string[];
}

export async function measureLighthouse(origin: string, pages: readonly LighthousePage[], chromiumFlags: readonly string[]): Promise<LighthouseResult[]> {
  const chrome = await launch({
    chromePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', ...chromiumFlags],
  });
  try {
    const results: LighthouseResult[] = [];
    for (const { path, formFactor } of pages) {
      const run = await lighthouse(
        `${origin}${path}`,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...LIGHTHOUSE_CATEGORIES] },
        formFactor === 'desktop' ? desktopConfig : undefined,
      );
      if (!run) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { categories, audits } = run.lhr;
      const scores = Object.fromEntries(
        LIGHTHOUSE_CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)]),
      ) as Record<LighthouseCategory, number>;
      // Only audits that weigh in a category's score: they are what stands between it and 100.
      const weighed = new Set(LIGHTHOUSE_CATEGORIES.flatMap((id) => categories[id]?.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id) ?? []));
      const failing = [...weighed]
        .map((id) => audits[id])
        .filter((audit) => audit && audit.score !== null && audit.score < 1)
        .map((audit) => `${audit!.id} ${audit!.displayValue ?? audit!.score}`);
      results.push({ path, formFactor, scores, failing });
    }
    return results;
  } finally {
    chrome.kill();
  }
}
