// `npm run dev` with the local runner: its routes and its meta element, on Vite's dev server
// only. A build never contains the runner (`apply: 'serve'`).
import type { Plugin } from 'vite';
import { injectIntoHtml } from '../runner/inject-html.ts';
import { createRunner } from '../runner/runner.ts';
import { answerRetiredWorker } from '../offline/retired-service-worker.ts';

export function localRunner(): Plugin {
  return {
    name: 'async-talk:local-runner',
    apply: 'serve',
    configureServer(server) {
      const runner = createRunner();
      server.middlewares.use((request, response, next) => {
        if (runner.handle(request, response)) return;
        // The dev server's pages change with every edit: no service worker may keep them.
        if (answerRetiredWorker(request, response, server.config.base)) return;
        injectIntoHtml(request, response, runner.injectToken);
        next();
      });
      server.httpServer?.on('close', () => runner.close());
    },
  };
}
