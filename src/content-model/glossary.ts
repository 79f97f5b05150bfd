import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { z } from 'astro/zod';

/** The book's glossary: one entry per term, the page /glossary/ and the first-use links in chapters. */
export const GLOSSARY_FILE = 'content/glossary.yaml';
/** Where the glossary page is, from the root of the site. */
export const GLOSSARY_PATH = '/glossary/';
/** The fragment of a term on the glossary page. */
export const glossaryAnchor = (key: string) => `term-${key}`;

const entrySchema = z
  .object({
    /** As the glossary shows it. */
    term: z.string().min(1),
    /** The words in running text that mean it: matched as whole words, and by case only when a form has a capital. */
    forms: z.array(z.string().min(1)).min(1, 'must list at least one form'),
    /** The slug of the chapter that explains it best. */
    chapter: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a chapter slug, such as twisted or comet-chat'),
    /** One or two plain sentences; `code` is allowed. */
    definition: z.string().min(1),
  })
  .strict();

export type GlossaryEntry = z.infer<typeof entrySchema> & { key: string };

/** Parses the glossary; an error names the file, the entry, the field and the fix. */
export function parseGlossary(text: string, label = GLOSSARY_FILE): GlossaryEntry[] {
  const data = load(text);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${label}: the glossary must be a map of entries (reactor: {term, forms, chapter, definition}). Fix: rewrite it as one.`);
  }
  return Object.entries(data as Record<string, unknown>).map(([key, value]) => {
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'the entry';
      throw new Error(`${label}: "${key}", ${field}: ${issue.message}. Fix: give it term, forms, chapter and definition, as the other entries do.`);
    }
    return { key, ...parsed.data };
  });
}

export const readGlossary = (path = GLOSSARY_FILE) => parseGlossary(readFileSync(path, 'utf8'), path);
