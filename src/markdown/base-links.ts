import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Chapters link to each other from the root of the site (`[…](/chapters/twisted/)`), as their
 * authors think of it. Under a base path (SITE_BASE) those links get the base in front, so the
 * MDX stays the same for every place the site is deployed.
 */
export function rehypeBaseLinks(base: string) {
  const prefix = base.replace(/\/$/, '');
  return () => (tree: Root) => {
    if (!prefix) return;
    visit(tree, 'element', (node: Element) => {
      const href = node.properties['href'];
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('/') && !href.startsWith('//') && !href.startsWith(`${prefix}/`)) {
        node.properties['href'] = prefix + href;
      }
    });
  };
}
