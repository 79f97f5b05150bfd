import { describe, expect, it } from 'vitest';
import { startAstro } from './astro-cli.ts';
import { exitOf, outputOf, postRun } from '../../src/runner/client.ts';
import { RUNNER_META, TOKEN_HEADER } from '../../src/shared/runner-protocol.ts';

/** `npm run dev` must serve the site cross-origin isolated, as WebContainer needs. */
describe('astro dev', () => {
  it('serves chapter pages with COOP and COEP, and the local runner to its own pages', async () => {
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
      // A newcomer's first start: nothing it printed until the first page is an error or a warning.
      expect(server.output()).toContain('watching for file changes');
      expect(server.output().split('\n').filter((line) => /error|warn/i.test(line))).toEqual([]);

      // The local runner is part of the dev server: its secret is in the pages asked for from
      // this computer, and a run needs it.
      const page = await (await fetch(`http://127.0.0.1:${port}/chapters/why-async/`, { headers: { accept: 'text/html' } })).text();
      const token = new RegExp(`<meta name="${RUNNER_META}" content="([^"]+)">`).exec(page)?.[1];
      expect(token, 'the page carries the runner secret').toBeDefined();
      const host = `127.0.0.1:${port}`;
      const demo = { id: 't', command: 'node main.js', folder: 'demos/t', files: [{ path: 'main.js', contents: 'console.log("ran in dev")' }] };
      const refused = await postRun(port, { host, origin: `http://${host}`, 'content-type': 'application/json' }, demo);
      expect(refused.status).toBe(403);
      const ran = await postRun(port, { host, origin: `http://${host}`, 'content-type': 'application/json', [TOKEN_HEADER]: token! }, demo);
      expect(outputOf(ran)).toBe('ran in dev\n');
      expect(exitOf(ran)).toEqual({ type: 'exit', code: 0, reason: 'exit' });
    } finally {
      server.process.kill();
    }
  });
});
