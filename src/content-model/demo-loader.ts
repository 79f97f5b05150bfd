import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';
import { demoSchema } from './demo.ts';
import { readDemoFolder } from './demo-folder.ts';

/**
 * Content loader over `demos/*\/package.json`. Folders without a package.json (such as
 * demos/python/, which holds the Python programs) are not runnable demos and are skipped.
 */
export function demoLoader(options: { base: string }): Loader {
  return {
    name: 'async-talk-demos',
    schema: demoSchema,
    async load({ config, store, parseData, generateDigest, logger, watcher }) {
      const base = fileURLToPath(new URL(options.base, config.root));
      const sync = async () => {
        store.clear();
        for (const id of (await readdir(base)).sort()) {
          const dir = join(base, id);
          if (!(await stat(dir)).isDirectory()) continue;
          const hasManifest = await stat(join(dir, 'package.json')).then(() => true, () => false);
          if (!hasManifest) continue;
          const demo = await readDemoFolder(dir, `${options.base.replace(/^\.\/|\/$/g, '')}/${id}`);
          const data = await parseData({ id, data: demo, filePath: join(dir, 'package.json') });
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
