/** A chapter's file name is NN-slug.mdx: NN orders the book, slug is its URL and deck address. */
export const CHAPTER_FILE = /(?:^|[/\\])(\d\d)-([a-z0-9-]+)\.mdx$/;

/** The slug of a chapter file, or undefined for any other file. */
export function chapterSlug(path: string): string | undefined {
  return CHAPTER_FILE.exec(path)?.[2];
}
