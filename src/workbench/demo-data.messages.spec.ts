import { describe, expect, it } from 'vitest';
import { readDemoData } from './demo-data.ts';

const SELECTOR = 'script[type="application/json"][data-demo-files]';

/** A <demo-embed> as far as readDemoData looks into it: the one script element Demo.astro renders, or none. */
const embed = (script?: { textContent: string | null }) =>
  ({ querySelector: (selector: string) => (selector === SELECTOR ? (script ?? null) : null) }) as unknown as Element;

describe('readDemoData', () => {
  it('reads the demo that Demo.astro embedded', () => {
    const demo = { id: 'hello', title: 'Hello', command: 'node main.js', editable: ['main.js'], runtimes: ['worker'], files: [] };
    expect(readDemoData(embed({ textContent: JSON.stringify(demo) }))).toEqual(demo);
  });

  it('says that Demo.astro must render the files when the embed has no script of them', () => {
    expect(() => readDemoData(embed())).toThrow(new Error('This <demo-embed> has no embedded demo files: Demo.astro must render them.'));
  });

  it('says the same when the script is there but empty', () => {
    expect(() => readDemoData(embed({ textContent: '' }))).toThrow(new Error('This <demo-embed> has no embedded demo files: Demo.astro must render them.'));
  });
});
