import { describe, expect, it } from 'vitest';
import { parseGlossary, readGlossary } from './glossary.ts';

describe('the glossary', () => {
  it('reads content/glossary.yaml: every entry with a term, its forms, a chapter and a definition', () => {
    const entries = readGlossary();
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) expect(entry.forms.length, entry.key).toBeGreaterThan(0);
  });

  it('names the file, the entry, the field and the fix when an entry is wrong', () => {
    expect(() => parseGlossary('reactor:\n  term: reactor\n  forms: []\n  chapter: twisted\n  definition: A loop.\n', 'g.yaml')).toThrow(
      'g.yaml: "reactor", forms: must list at least one form. Fix: give it term, forms, chapter and definition, as the other entries do.',
    );
    expect(() => parseGlossary('hub:\n  term: hub\n  forms: [hub]\n  chapter: Chapter 5\n  definition: A loop.\n', 'g.yaml')).toThrow(
      'g.yaml: "hub", chapter: must be a chapter slug, such as twisted or comet-chat. Fix: give it term, forms, chapter and definition, as the other entries do.',
    );
    expect(() => parseGlossary('- reactor\n', 'g.yaml')).toThrow(
      'g.yaml: the glossary must be a map of entries (reactor: {term, forms, chapter, definition}). Fix: rewrite it as one.',
    );
  });
});
