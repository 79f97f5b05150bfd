// Build time (and dev): a browser module bundled into one small classic script, for a page to
// carry inline. For code every page runs at once and that must cost no request of its own: as
// a module it would be a shared chunk, and each chunk a page fetches adds its own gzip and
// request overhead to a budget of 2 KB (README › Decisions).
import { build } from 'esbuild';
import { storageKeyDefines } from '../shared/storage-keys.ts';

const cache = new Map<string, Promise<string>>();

/**
 * `entry`: a module that runs when loaded, as a path from the project's root (a component's own
 * URL is of its built copy, not of its source). `base`: the site's base path.
 */
export function inlineScript(entry: string, base: string): Promise<string> {
  const key = `${entry} ${base}`;
  let script = cache.get(key);
  if (!script) {
    script = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      minify: true,
      define: { 'import.meta.env.BASE_URL': JSON.stringify(base), ...storageKeyDefines() },
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text.trim());
    cache.set(key, script);
  }
  return script;
}
