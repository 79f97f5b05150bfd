import { deckHash } from '../shared/deck-address.ts';
import { sitePath } from '../shared/site-base.ts';
import { getCollection, type CollectionEntry } from 'astro:content';
import { CHAPTER_FILE } from './chapter-file.ts';

export type ChapterEntry = CollectionEntry<'chapters'>;

/** A chapter with what the book derives from its file name. */
export interface Chapter {
  entry: ChapterEntry;
  /** 1-based position, from the `NN-` prefix. */
  number: number;
  /** URL segment: the file name without its number, e.g. "why-async". */
  slug: string;
  href: string;
}

export function toChapter(entry: ChapterEntry): Chapter {
  const match = CHAPTER_FILE.exec(`${entry.id}.mdx`);
  if (!match) {
    throw new Error(
      `content/chapters/${entry.id}.mdx: a chapter file is named NN-slug.mdx (two digits, then lowercase words with dashes). Fix: rename the file.`,
    );
  }
  const slug = match[2]!;
  return { entry, number: Number(match[1]), slug, href: sitePath(`/chapters/${slug}/`) };
}

/** The deck address of a chapter's slide: n = 0 is the chapter's generated title slide. */
export function deckHref(chapter: string, n = 0): string {
  return sitePath(`/deck/${deckHash(chapter, n)}`);
}

/** Every chapter in reading order. */
export async function getChapters(): Promise<Chapter[]> {
  const entries = await getCollection('chapters');
  return entries.map(toChapter).sort((a, b) => a.number - b.number);
}
