import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';
import { readAllDemos } from './all-demos.ts';
import { demoSchema } from './demo.ts';

/**
 * Content loader over every demo under `base`: folders with a package.json "demo" key, and the
 * Python programs listed in demos/python/demos.yaml (see all-demos.ts).
 */
export function demoLoader(options: { base: string }): Loader {
  return {
    name: 'async-talk-demos',
    schema: demoSchema,
    async load({ config, store, parseData, generateDigest, logger, watcher }) {
      const base = fileURLToPath(new URL(options.base, config.root));
      const sync = async () => {
        store.clear();
        for (const { id, demo, manifest } of await readAllDemos(base, options.base.replace(/^\.\/|\/$/g, ''))) {
          const data = await parseData({ id, data: demo, filePath: join(fileURLToPath(config.root), manifest) });
          store.set({ id, data, digest: generateDigest(data) });
        }
        logger.info(`${store.keys().length} demos loaded`);
      };
      await sync();
      watcher?.add(base);
      watcher?.on('all', (_event, path) => {
        if (path.startsWith(base)) sync().catch((error: Error) => logger.error(error.message));
      });
    },
  };
}
