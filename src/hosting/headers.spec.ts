import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { crossOriginIsolationHeaders } from './headers.ts';

/** The static hosts' files must send exactly what dev and preview send. */
describe('cross-origin isolation headers', () => {
  it('public/_headers sends them for every path', async () => {
    const text = await readFile('public/_headers', 'utf8');
    const block = text.split(/^\/\*$/m)[1] ?? '';
    for (const [name, value] of Object.entries(crossOriginIsolationHeaders)) {
      expect(block).toMatch(new RegExp(`^\\s+${name}: ${value}$`, 'm'));
    }
  });

  it('vercel.json sends them for every path', async () => {
    const config = JSON.parse(await readFile('vercel.json', 'utf8')) as {
      headers: { source: string; headers: { key: string; value: string }[] }[];
    };
    const all = config.headers.find((rule) => rule.source === '/(.*)');
    expect(Object.fromEntries(all!.headers.map((header) => [header.key, header.value]))).toEqual(crossOriginIsolationHeaders);
  });
});
