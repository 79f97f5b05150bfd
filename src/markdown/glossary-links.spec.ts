import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import type { GlossaryEntry } from '../content-model/glossary.ts';
import { rehypeGlossaryLinks } from './glossary-links.ts';

const entries: GlossaryEntry[] = [
  { key: 'reactor', term: 'reactor', forms: ['reactor', 'reactors'], chapter: 'twisted', definition: 'A loop.' },
  { key: 'deferred', term: 'Deferred', forms: ['Deferred', 'Deferreds'], chapter: 'twisted', definition: 'A promise.' },
  { key: 'green-thread', term: 'green thread', forms: ['green thread', 'green threads'], chapter: 'eventlet', definition: 'A thread.' },
];

const text = (value: string) => ({ type: 'text' as const, value });
const el = (tagName: string, ...children: Root['children']): Element => ({ type: 'element', tagName, properties: {}, children: children as Element['children'] });
const jsx = (name: string, ...children: Root['children']) => ({ type: 'mdxJsxFlowElement', name, attributes: [], children }) as unknown as Root['children'][number];

/** MDX's components, as custom elements, so that the tree prints as HTML (<x-prose>, <x-cite>). */
function printable(node: Root | Root['children'][number]): Root | Root['children'][number] {
  const children = 'children' in node ? (node.children as Root['children']).map(printable) : undefined;
  if (node.type === ('mdxJsxFlowElement' as string) || node.type === ('mdxJsxTextElement' as string)) {
    return { type: 'element', tagName: `x-${(node as unknown as { name: string }).name.toLowerCase()}`, properties: {}, children: children as Element['children'] };
  }
  return children ? ({ ...node, children } as typeof node) : node;
}

function run(...children: Root['children']) {
  const tree: Root = { type: 'root', children };
  rehypeGlossaryLinks(entries)()(tree);
  return toHtml(printable(tree) as Root);
}

describe('rehypeGlossaryLinks', () => {
  it("links each term's first use in the chapter's prose to its entry, and only the first", () => {
    const html = run(jsx('Prose', el('p', text('The reactor runs. Reactors, more reactors.')), el('p', text('A reactor again.'))));
    expect(html).toContain('<p>The <a href="/glossary/#term-reactor" class="glossary-term">reactor</a> runs. Reactors, more reactors.</p>');
    expect(html.match(/glossary-term/g)).toHaveLength(1);
  });

  it('links several terms in one text, each at its first use', () => {
    expect(run(jsx('Prose', el('p', text('Each green thread waits for a Deferred from the reactor.'))))).toContain(
      '<p>Each <a href="/glossary/#term-green-thread" class="glossary-term">green thread</a> waits for a ' +
        '<a href="/glossary/#term-deferred" class="glossary-term">Deferred</a> from the ' +
        '<a href="/glossary/#term-reactor" class="glossary-term">reactor</a>.</p>',
    );
  });

  it('matches whole words only, and a form with a capital only as written', () => {
    const html = run(jsx('Prose', el('p', text('reactor-based, a deferred payment, reactorless; then Deferreds.'))));
    expect(html).not.toContain('term-reactor');
    expect(html).toContain('<a href="/glossary/#term-deferred" class="glossary-term">Deferreds</a>');
  });

  it('leaves code, links, headings, components and slides alone', () => {
    const html = run(
      jsx('Slide', el('p', text('The reactor on a slide.'))),
      jsx('Prose', el('h2', text('The reactor')), el('p', el('code', text('reactor')), text(' '), el('a', text('reactor'))), el('p', jsx('Cite', text('reactor')))),
    );
    expect(html).not.toContain('glossary-term');
  });
});
