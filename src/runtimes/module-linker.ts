// Blob URLs are not hierarchical, so a module loaded from one cannot resolve "./greenlets.js".
// The linker rewrites every relative import among a demo's files to the Blob URL of the file it
// names, creating URLs dependencies-first. It is pure apart from the injected `createUrl`, so it
// is tested without a browser.
import type { DemoFileToRun } from './runtime.ts';

/** A failure the reader can fix; the message names the file and the fix. */
export class LinkError extends Error {
  override name = 'LinkError';
}

// `import x from './a.js'`, `export { y } from "./b.js"`, `import './c.js'` and `import('./d.js')`
// with a literal relative specifier. A regex, not a parser: demos are small and written for the
// page, and a specifier in a string or comment that looks like an import is harmless (it is only
// rewritten to the URL of a file that exists).
const STATIC = /(\bfrom\s*|\bimport\s*)(['"])(\.{1,2}\/[^'"\n]+)\2/g;
const DYNAMIC = /\bimport\s*\(\s*(['"])(\.{1,2}\/[^'"\n]+)\1\s*\)/g;

/** The global the worker defines to track dynamic imports as pending work (see worker-main.ts). */
export const TRACK_GLOBAL = '__asyncTalkTrack';
/** The global the worker defines; the entry calls it when its body starts (after its imports loaded). */
export const STARTED_GLOBAL = '__asyncTalkStarted';

/** Resolves `specifier` as written in `from` ("lib/a.js") to a demo path, or undefined if it leaves the demo. */
export function resolvePath(from: string, specifier: string): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The demo paths a file imports (statically, then dynamically), in order of appearance. */
export function relativeImports(path: string, source: string): { static: string[]; dynamic: string[] } {
  const find = (regex: RegExp, group: number) =>
    [...source.matchAll(regex)].map((match) => resolvePath(path, match[group]!)).filter((p): p is string => p !== undefined);
  return { static: find(STATIC, 3), dynamic: find(DYNAMIC, 2) };
}

/**
 * Rewrites the relative specifiers of `source` with `urlOf`. Dynamic imports are wrapped so the
 * worker counts them as pending work. Nothing adds a line, so line numbers in errors still match
 * the file the reader sees.
 */
export function rewriteImports(path: string, source: string, urlOf: (path: string) => string | undefined): string {
  const url = (specifier: string) => {
    const target = resolvePath(path, specifier);
    return target === undefined ? undefined : urlOf(target);
  };
  return source
    .replace(DYNAMIC, (whole, _quote: string, specifier: string) => {
      const target = url(specifier);
      return target === undefined ? whole : `globalThis.${TRACK_GLOBAL}(import(${JSON.stringify(target)}))`;
    })
    .replace(STATIC, (whole, keyword: string, _quote: string, specifier: string) => {
      const target = url(specifier);
      return target === undefined ? whole : `${keyword}${JSON.stringify(target)}`;
    });
}

export interface LinkedModules {
  entryUrl: string;
  /** Blob URL → demo path, so error messages can name the file the reader knows. */
  pathOf: Map<string, string>;
}

/**
 * Creates a URL for every JavaScript file reachable from `entry`, dependencies first.
 * Static import cycles cannot be expressed with Blob URLs (a URL must exist before the file that
 * names it), so they are refused with a message.
 */
export function linkModules(
  files: readonly DemoFileToRun[],
  entry: string,
  createUrl: (source: string) => string,
): LinkedModules {
  const byPath = new Map(files.map((file) => [file.path, file.contents]));
  if (!byPath.has(entry)) {
    throw new LinkError(`The command runs ${entry}, which is not among the demo's files. Fix: restore the file or reset the demo.`);
  }
  // Everything reachable, static or dynamic: the dynamic targets must be linked too.
  const reachable: string[] = [];
  const visit = (path: string) => {
    if (reachable.includes(path) || !byPath.has(path)) return;
    reachable.push(path);
    const { static: statics, dynamic } = relativeImports(path, byPath.get(path)!);
    [...statics, ...dynamic].forEach(visit);
  };
  visit(entry);

  const urlOfPath = new Map<string, string>();
  const pathOf = new Map<string, string>();
  const linking: string[] = [];

  const link = (path: string): string => {
    const done = urlOfPath.get(path);
    if (done) return done;
    if (linking.includes(path)) {
      const cycle = [...linking.slice(linking.indexOf(path)), path].join(' → ');
      throw new LinkError(
        `The Web Worker runtime cannot run files that import each other in a circle (${cycle}). ` +
          'Fix: move what both need into a third file, or import one of them with import().',
      );
    }
    linking.push(path);
    let source = byPath.get(path)!;
    for (const dependency of relativeImports(path, source).static) if (byPath.has(dependency)) link(dependency);
    // Dynamic targets are linked first too, so their URL is known. A file still being linked
    // (a cycle through import()) is left as written and fails with the browser's own message.
    for (const dependency of relativeImports(path, source).dynamic) {
      if (byPath.has(dependency) && !linking.includes(dependency)) link(dependency);
    }
    source = rewriteImports(path, source, (target) => urlOfPath.get(target));
    // The entry announces that its imports have loaded and its own body runs (one line, no newline).
    if (path === entry) source = `globalThis.${STARTED_GLOBAL}?.();${source}`;
    const url = createUrl(source);
    linking.pop();
    urlOfPath.set(path, url);
    pathOf.set(url, path);
    return url;
  };

  const entryUrl = link(entry);
  for (const path of reachable) link(path);
  return { entryUrl, pathOf };
}
