import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { chapterSlug } from '../content-model/chapter-file.ts';

const attribute = (name: string, value: string): MdxJsxAttribute => ({ type: 'mdxJsxAttribute', name, value });

/**
 * Splits a chapter into what only the book reads and what both book and deck show, at build
 * time, so the browser never filters content:
 * - every run of top-level content outside a <Slide> is wrapped in <Prose>, which the book
 *   renders as it is and the deck renders as nothing;
 * - every <Slide> gets `chapter` and `n` (1-based), its stable address in the deck, from which
 *   the book's "present from here" links and the deck's URLs are made.
 */
export function remarkDeckSplit() {
  return (tree: Root, file: VFile) => {
    const chapter = file.path ? chapterSlug(file.path) : undefined;
    if (!chapter) return;
    const children: RootContent[] = [];
    let prose: RootContent[] = [];
    const flushProse = () => {
      if (prose.length === 0) return;
      const wrapper: MdxJsxFlowElement = { type: 'mdxJsxFlowElement', name: 'Prose', attributes: [], children: prose as MdxJsxFlowElement['children'] };
      children.push(wrapper);
      prose = [];
    };
    let slides = 0;
    for (const node of tree.children) {
      if (node.type === 'mdxJsxFlowElement' && node.name === 'Slide') {
        flushProse();
        node.attributes.push(attribute('chapter', chapter), attribute('n', String(++slides)));
        children.push(node);
      } else if ((node.type as string) === 'mdxjsEsm' || node.type === 'yaml') {
        // import/export lines and frontmatter stay at the top level, where MDX needs them.
        children.push(node);
      } else {
        prose.push(node);
      }
    }
    flushProse();
    tree.children = children;
  };
}
