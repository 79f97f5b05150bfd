import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { GLOSSARY_PATH, glossaryAnchor, type GlossaryEntry } from '../content-model/glossary.ts';

/** Where a term is never linked: code, existing links, headings, and the site's own components. */
const SKIPPED = new Set(['a', 'code', 'pre', 'kbd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption']);

interface Matcher {
  entry: GlossaryEntry;
  pattern: RegExp;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per form: whole words only; a form with a capital matches only as written. */
function matchersOf(entries: GlossaryEntry[]): Matcher[][] {
  return entries.map((entry) =>
    [...entry.forms]
      .sort((a, b) => b.length - a.length)
      .map((form) => ({ entry, pattern: new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(form)}(?![\\p{L}\\p{N}_-])`, form === form.toLowerCase() ? 'iu' : 'u') })),
  );
}

type Parent = { children: (RootContent | ElementContent)[] };
const isJsx = (node: { type: string }) => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

/**
 * Links the first use of each glossary term in a chapter's prose to its entry on the glossary
 * page, at build time. Only the book's prose is touched (remark-deck-split wraps it in <Prose>):
 * slides stay as the audience sees them, and nothing inside code, links, headings or another
 * component (a <Cite>, a <Demo>) becomes a link. Runs before rehypeBaseLinks, which adds the base.
 */
export function rehypeGlossaryLinks(entries: GlossaryEntry[]) {
  const terms = matchersOf(entries);
  return () => (tree: Root) => {
    const linked = new Set<string>();
    const firstMatch = (text: string) => {
      let best: { index: number; length: number; entry: GlossaryEntry } | undefined;
      for (const forms of terms) {
        if (linked.has(forms[0]!.entry.key)) continue;
        for (const { entry, pattern } of forms) {
          const match = pattern.exec(text);
          if (match && (!best || match.index < best.index)) best = { index: match.index, length: match[0].length, entry };
        }
      }
      return best;
    };
    const walk = (parent: Parent) => {
      for (let index = 0; index < parent.children.length; index++) {
        const node = parent.children[index]!;
        if (node.type === 'text') {
          const found = firstMatch(node.value);
          if (!found) continue;
          linked.add(found.entry.key);
          const link: Element = {
            type: 'element',
            tagName: 'a',
            properties: { href: `${GLOSSARY_PATH}#${glossaryAnchor(found.entry.key)}`, className: ['glossary-term'] },
            children: [{ type: 'text', value: node.value.slice(found.index, found.index + found.length) }],
          };
          const before: Text = { type: 'text', value: node.value.slice(0, found.index) };
          const after: Text = { type: 'text', value: node.value.slice(found.index + found.length) };
          parent.children.splice(index, 1, ...([before, link, after].filter((part) => part.type !== 'text' || part.value !== '') as ElementContent[]));
          index += before.value === '' ? 0 : 1; // the next pass looks at what follows the link
        } else if (node.type === 'element' && !SKIPPED.has(node.tagName)) walk(node);
      }
    };
    for (const node of tree.children) if (isJsx(node) && (node as { name?: string }).name === 'Prose') walk(node as unknown as Parent);
  };
}
