/**
 * The source ids a chapter cites, in order of first use, read from its MDX source at build
 * time. The chapter's "Sources" list is built from these, so it can never drift from the text.
 */
export function citedSourceIds(mdx: string): string[] {
  const ids = [...mdx.matchAll(/<Cite\s+id=["']([^"']+)["']/g)].map((match) => match[1]!);
  return [...new Set(ids)];
}
