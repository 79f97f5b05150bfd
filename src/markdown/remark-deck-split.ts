import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { chapterSlug } from '../content-model/chapter-file.ts';
import { CODE_MORPHS, isCodeMorphId } from '../content-model/code-morphs.ts';
import { PICTURE_STEPS, isPictureId } from '../content-model/pictures.ts';
import { lineStepsSource, parseLineSteps } from '../shared/line-steps.ts';

const attribute = (name: string, value: string): MdxJsxAttribute => ({ type: 'mdxJsxAttribute', name, value });

/**
 * Splits a chapter into what only the book reads and what both book and deck show, at build
 * time, so the browser never filters content:
 * - every run of top-level content outside a <Slide> is wrapped in <Prose>, which the book
 *   renders as it is and the deck renders as nothing;
 * - every <Slide> gets `chapter` and `n` (1-based), its stable address in the deck, from which
 *   the book's "present from here" links and the deck's URLs are made, and `steps`, the clicks it
 *   takes to reveal it (see slideSteps).
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
        node.attributes.push(attribute('chapter', chapter), attribute('n', String(++slides)), attribute('steps', String(slideSteps(node))));
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

/**
 * The clicks it takes to reveal a slide, as the deck steps through it (src/deck/slide-dom.ts):
 * one for each <Step>, one for each line group after the first of a code block, fenced
 * (```py {1|2-3}) or a <CodeFile steps="1|2-3">, one for each part of a <Picture> drawn as a
 * step, and one for each version after the first of a <CodeMorph>.
 */
export function slideSteps(slide: MdxJsxFlowElement): number {
  let steps = 0;
  const groups = (source: string | undefined) => (source ? parseLineSteps(source).length - 1 : 0);
  visit(slide, (node) => {
    if (node.type === 'code') steps += groups(lineStepsSource(node.meta ?? undefined));
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const element = node as MdxJsxFlowElement;
    if (element.name === 'Step') steps += 1;
    const id = element.attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'id')?.value;
    // An unknown id adds nothing here; the component itself fails the build with a message.
    if (element.name === 'Picture' && typeof id === 'string' && isPictureId(id)) steps += PICTURE_STEPS[id];
    if (element.name === 'CodeMorph' && typeof id === 'string' && isCodeMorphId(id)) steps += CODE_MORPHS[id].versions.length - 1;
    if (element.name === 'CodeFile') {
      const value = element.attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'steps')?.value;
      steps += groups(typeof value === 'string' ? value.replace(/\s+/g, '') : undefined);
    }
  });
  return steps;
}
