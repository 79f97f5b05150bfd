import {
  transformerMetaHighlight,
  transformerNotationDiff,
  transformerNotationFocus,
  transformerNotationHighlight,
} from '@shikijs/transformers';
import type { ShikiConfig } from '@astrojs/markdown-remark';
import { transformerLineSteps } from './shiki-line-steps.ts';

/**
 * One Shiki setup for fences and for <CodeFile>, so both look the same.
 * Dual themes: Shiki writes both palettes as CSS variables and the page's theme picks one,
 * so no highlighter ever ships to the browser.
 */
export const shikiConfig = {
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: false,
  wrap: false,
  transformers: [
    transformerNotationHighlight(),
    transformerNotationFocus(),
    transformerNotationDiff(),
    transformerMetaHighlight(),
    transformerLineSteps(),
  ],
} satisfies ShikiConfig;
