// A Vite plugin that gives a page's script the URL of a chunk it starts later with a module
// <script>, instead of import(): the <demo-embed> loader (Demo.astro) starts the workbench this
// way, and the deck the code-morph animation (src/deck/code-morph-loader.ts).
//
// Why not import(): Vite wraps every dynamic import in client code in its `__vitePreload` helper
// (about 0.9 KB gz) whatever `build.modulePreload` says; it only leaves it out of workers and
// library builds. That helper was most of the loader, the one script a chapter with a demo
// loads before use, and pushed such a chapter over the book's 2 KB budget; in the deck it pulled
// in the chunk the workbench's first Run shares it with (3 KB gz before any use).
//
// In a build, the plugin emits the entry as a chunk of the client build (so it still shares
// code with the lazily loaded chunks) and exports its hashed URL. In dev, Vite serves the source
// module itself.
import type { Plugin } from 'vite';

export const WORKBENCH_URL_MODULE = 'virtual:workbench-url';
export const CODE_MORPH_URL_MODULE = 'virtual:code-morph-url';

/** The workbench's entry (src/workbench/start.ts), for Demo.astro's loader. */
export const workbenchUrl = (): Plugin => entryUrl(WORKBENCH_URL_MODULE, 'src/workbench/start.ts', 'workbench', 'src/components/Demo.astro');

/** The deck's code-morph animation (src/deck/code-morph.ts), for its loader. */
export const codeMorphUrl = (): Plugin => entryUrl(CODE_MORPH_URL_MODULE, 'src/deck/code-morph.ts', 'code-morph', 'src/layouts/DeckLayout.astro');

function entryUrl(module: string, entry: string, name: string, cssHome: string): Plugin {
  const RESOLVED = `\0${module}`;
  let serving = false;
  let reference: string | undefined;
  return {
    name: `async-talk:${name}-url`,
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === module ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      if (serving) return `export default ${JSON.stringify(`/${entry}`)};`;
      reference = this.emitFile({ type: 'chunk', id: entry, name });
      return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
    },
    // Astro links into a page only the CSS of modules the page imports, and the entry is
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
        this.error(`The ${name} imports CSS, which would never reach the page: ${css.join(', ')}. Fix: import it in ${cssHome} instead.`);
      }
    },
  };
}
