import { rehypeHeadingIds, type RehypePlugins } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';

/**
 * Gives each h2–h4 a "#" link to itself, so any section can be linked to. Astro assigns
 * heading ids after user plugins, so its own id pass runs first here (it skips headings that
 * already have one, so the ids and the on-page table of contents still agree).
 */
export const headingAnchors: RehypePlugins = [
  rehypeHeadingIds,
  [
    rehypeAutolinkHeadings,
    {
      behavior: 'append',
      test: ['h2', 'h3', 'h4'],
      properties: { className: ['heading-anchor'], ariaLabel: 'Link to this section' },
      content: { type: 'text', value: '#' },
    },
  ],
];
