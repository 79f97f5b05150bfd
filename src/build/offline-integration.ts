// After `astro build`: the search index, then the service worker that precaches it with the
// rest of the build. One integration, so `astro build` alone makes the whole site and the
// manifest always sees the finished index.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { writeServiceWorker } from './service-worker.ts';

async function writeSearchIndex(dist: string): Promise<number> {
  const { index, errors } = await createIndex();
  // Pagefind's backend is a process of its own, closed whatever happens, even when it gave no index.
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const indexed = await index.addDirectory({ path: dist });
    if (indexed.errors.length) throw new Error(`Pagefind: ${indexed.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: `${dist}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return indexed.page_count;
  } finally {
    await close();
  }
}

export function offline(): AstroIntegration {
  return {
    name: 'async-talk:offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        const pages = await writeSearchIndex(dist);
        logger.info(`Search index: ${pages} pages`);
        const report = await writeServiceWorker(dist);
        for (const warning of report.warnings) logger.warn(warning);
        logger.info(`Service worker: ${report.files} files precached, ${(report.bytes / 1024 / 1024).toFixed(1)} MB`);
      },
    },
  };
}
