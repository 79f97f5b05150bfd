import { describe, expect, it } from 'vitest';
import { startAstro } from './astro-cli.ts';

/** `npm run dev` must serve the site cross-origin isolated, as WebContainer needs. */
describe('astro dev', () => {
  it('serves chapter pages with COOP and COEP', async () => {
    const port = 4419;
    const server = startAstro(['dev', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)]);
    try {
      // Until the content layer has synced, the dev server may answer 404: wait for it.
      let response: Response | undefined;
      for (let attempt = 0; attempt < 150 && !response?.ok; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
        response = await fetch(`http://127.0.0.1:${port}/chapters/why-async/`).catch(() => undefined);
      }
      expect(response?.status).toBe(200);
      expect(response!.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response!.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(await response!.text()).toContain('<h1>Why async networking</h1>');
    } finally {
      server.kill();
    }
  });
});
