// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { shikiConfig } from './src/markdown/shiki-config.ts';
import { headingAnchors } from './src/markdown/heading-anchors.ts';
import { remarkDeckSplit } from './src/markdown/remark-deck-split.ts';
import { crossOriginIsolationHeaders } from './src/hosting/headers.ts';
import { codeMorphUrl, workbenchUrl } from './src/build/vite-workbench-url.ts';
import { localRunner } from './src/build/vite-local-runner.ts';
import { offline } from './src/build/offline-integration.ts';
import { rehypeBaseLinks } from './src/markdown/base-links.ts';
import { rehypeGlossaryLinks } from './src/markdown/glossary-links.ts';
import { readGlossary } from './src/content-model/glossary.ts';
import { storageKeyDefines } from './src/shared/storage-keys.ts';

/** SITE_BASE=/async-talk/ builds the site for a subpath, as a GitHub Pages project site needs. */
const base = process.env.SITE_BASE || '/';

export default defineConfig({
  srcDir: './src',
  base,
  // Trailing slashes everywhere, so static hosts, Pagefind and the link checker agree on URLs.
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // offline() writes the search index and the service worker once the pages are built.
  integrations: [mdx(), offline()],
  markdown: {
    // unified (remark/rehype) rather than the default Rust processor: it lets us reuse
    // rehype-autolink-headings, the ecosystem's well-kept plugin for heading anchors, and split
    // slides from prose with a remark plugin at build time.
    processor: unified({ remarkPlugins: [remarkDeckSplit], rehypePlugins: [...headingAnchors, rehypeGlossaryLinks(readGlossary()), rehypeBaseLinks(base)] }),
    shikiConfig,
  },
  // WebContainer needs cross-origin isolation; see src/hosting/headers.ts for why require-corp.
  server: { headers: crossOriginIsolationHeaders },
  devToolbar: { enabled: false },
  // The demo loader starts the workbench by URL, without Vite's preload helper: see the plugin.
  // The local runner runs demos for real on this computer, in `npm run dev` only (never built).
  // Each STORAGE_KEYS.<name> in browser code becomes its string: see src/shared/storage-keys.ts.
  vite: {
    plugins: [workbenchUrl(), codeMorphUrl(), localRunner()],
    define: storageKeyDefines(),
    // The small modules every first Run fetches (the run skeleton, the runtimes' shared words,
    // Vite's preload helper) as one chunk, not seven: seven files compress apart, and the first
    // Run's JS has a budget (README, Decisions).
    build: {
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [{ name: 'run-core', test: /src\/runtimes\/(task|runtime|features|output-batcher)\.ts|src\/shared\/(words|runner-protocol|output-tail)\.ts|preload-helper/ }],
          },
        },
      },
    },
  },
});
