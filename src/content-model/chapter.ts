import { z } from 'astro/zod';

/**
 * Frontmatter of one chapter (`content/chapters/NN-slug.mdx`).
 * Order is not a field: it comes from the `NN-` prefix of the file name.
 */
export const chapterSchema = z.object({
  /** The chapter's title, as shown on the cover, in the page heading and on its title slide. */
  title: z.string().min(1),
  /** One or two sentences for the cover's table of contents and the page description. */
  summary: z.string().min(1),
  /** This chapter's share of the live talk in minutes; presenter pacing adds these up. */
  minutes: z.number().positive().max(60),
});

export type ChapterData = z.infer<typeof chapterSchema>;
