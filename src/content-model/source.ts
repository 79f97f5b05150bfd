import { z } from 'astro/zod';

/**
 * One citable source (`content/sources/*.yaml`, a file per chapter), keyed by a short id that
 * `<Cite id="…"/>` and the frameworks data refer to.
 */
export const sourceSchema = z.object({
  /** Short inline label, e.g. "Kegel 1999" or "gevent docs: intro.rst @0.13.6". */
  label: z.string().min(1),
  /** Full title as listed under a chapter's "Sources". */
  title: z.string().min(1),
  /** Where to read it. Repository files link to the tagged blob, not to a moving branch. */
  url: z.url(),
});

export type SourceData = z.infer<typeof sourceSchema>;

/** What an author meets when a `<Cite>` names no source, in the book and in the deck alike. */
export const missingSourceMessage = (id: string) =>
  `<Cite id="${id}">: there is no source "${id}" in content/sources/*.yaml. Fix: add it to the file of its chapter, or correct the id.`;
