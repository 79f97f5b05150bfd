import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * demos/python/history/ holds code that cannot run today (Concurrence: Python 2, libevent 1.4).
 * The rule for it: each file says so in its first line, and every chapter that shows one says
 * it was never run.
 */
describe('demos/python/history', () => {
  it('marks every file as history that is never run', async () => {
    const files = (await readdir('demos/python/history')).filter((name) => name.endsWith('.py'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const text = await readFile(`demos/python/history/${name}`, 'utf8');
      expect(text.split('\n')[0], name).toMatch(/^# HISTORY: never run\./);
    }
  });

  it('is shown only on pages that say it was never run', async () => {
    for (const chapter of await readdir('content/chapters')) {
      const text = await readFile(`content/chapters/${chapter}`, 'utf8');
      if (!text.includes('demos/python/history/')) continue;
      expect(text, chapter).toMatch(/never (been )?run/i);
    }
  });
});
