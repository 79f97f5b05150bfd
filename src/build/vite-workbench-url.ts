// A Vite plugin that gives the <demo-embed> loader (Demo.astro) the URL of the workbench's entry
// chunk, so the loader can start it with a module <script> instead of import().
//
// Why not import(): Vite wraps every dynamic import in client code in its `__vitePreload` helper
// (about 0.9 KB gz) whatever `build.modulePreload` says; it only leaves it out of workers and
// library builds. That helper was most of the loader, the one script a chapter with a demo
// loads before use, and pushed such a chapter over the book's 2 KB budget.
//
// In a build, the plugin emits src/workbench/start.ts as a chunk of the client build (so it still
// shares CodeMirror with the lazily loaded language chunks) and exports its hashed URL. In dev,
// Vite serves the source module itself.
import type { Plugin } from 'vite';

export const WORKBENCH_URL_MODULE = 'virtual:workbench-url';
const RESOLVED = `\0${WORKBENCH_URL_MODULE}`;
const ENTRY = 'src/workbench/start.ts';

export function workbenchUrl(): Plugin {
  let serving = false;
  let reference: string | undefined;
  return {
    name: 'async-talk:workbench-url',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === WORKBENCH_URL_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      if (serving) return `export default ${JSON.stringify(`/${ENTRY}`)};`;
      reference = this.emitFile({ type: 'chunk', id: ENTRY, name: 'workbench' });
      return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
    },
    // Astro links into a page only the CSS of modules the page imports, and the workbench is
    // started by URL: CSS imported anywhere in its chunks would be dropped without a word.
    generateBundle(_options, bundle) {
      if (!reference) return;
      const seen = new Set<string>();
      const css: string[] = [];
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (seen.has(fileName) || chunk?.type !== 'chunk') return;
        seen.add(fileName);
        css.push(...Object.keys(chunk.modules).filter((id) => /\.css($|\?)/.test(id)));
        [...chunk.imports, ...chunk.dynamicImports].forEach(visit);
      };
      visit(this.getFileName(reference));
      if (css.length > 0) {
        this.error(`The workbench imports CSS, which would never reach the page: ${css.join(', ')}. Fix: import it in src/components/Demo.astro instead.`);
      }
    },
  };
}
