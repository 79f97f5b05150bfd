import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { load } from 'js-yaml';

/**
 * Sources live in several YAML files (content/sources/*.yaml, one per chapter or topic), each a
 * map from id to source, so chapters can be written side by side without editing one shared
 * file. Ids are global: the same id in two files fails the build and names both.
 */
export function sourcesLoader(options: { base: string }): Loader {
  return {
    name: 'async-talk-sources',
    async load({ config, store, parseData, generateDigest, watcher, logger }) {
      const base = fileURLToPath(new URL(options.base, config.root));
      const sync = async () => {
        store.clear();
        const seenIn = new Map<string, string>();
        for (const name of (await readdir(base)).filter((file) => file.endsWith('.yaml')).sort()) {
          const label = `${options.base.replace(/^\.\/|\/$/g, '')}/${name}`;
          const entries = load(await readFile(join(base, name), 'utf8')) as Record<string, Record<string, unknown>> | null;
          for (const [id, data] of Object.entries(entries ?? {})) {
            const earlier = seenIn.get(id);
            if (earlier) throw new Error(`Source "${id}" is defined in both ${earlier} and ${label}. Fix: keep one, and cite it by that id.`);
            seenIn.set(id, label);
            const parsed = await parseData({ id, data, filePath: join(base, name) });
            store.set({ id, data: parsed, digest: generateDigest(parsed) });
          }
        }
      };
      await sync();
      watcher?.add(base);
      watcher?.on('all', (_event, path) => {
        if (path.startsWith(base)) sync().catch((error: Error) => logger.error(error.message));
      });
    },
  };
}
