// The chapters module reads Astro's content layer (`astro:content`), a virtual module that only
// exists inside an Astro build. Here it is replaced by a stand-in collection, the one piece of the
// outside world this module touches; the naming rule and its message are the real ones.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const collection = vi.hoisted(() => ({ entries: [] as { id: string }[] }));
vi.mock('astro:content', () => ({ getCollection: async () => collection.entries }));

const { getChapters } = await import('./chapters.ts');

beforeEach(() => {
  collection.entries = [];
});

describe('a chapter file', () => {
  it('named NN-slug.mdx becomes a chapter, numbered by its prefix', async () => {
    collection.entries = [{ id: '02-reactors' }, { id: '01-why-async' }];
    expect((await getChapters()).map(({ number, slug, href }) => ({ number, slug, href }))).toEqual([
      { number: 1, slug: 'why-async', href: '/chapters/why-async/' },
      { number: 2, slug: 'reactors', href: '/chapters/reactors/' },
    ]);
  });

  it('without its two-digit number stops the build, naming the file and saying to rename it', async () => {
    collection.entries = [{ id: '01-why-async' }, { id: 'reactors' }];
    await expect(getChapters()).rejects.toThrow(
      new Error(
        'content/chapters/reactors.mdx: a chapter file is named NN-slug.mdx (two digits, then lowercase words with dashes). Fix: rename the file.',
      ),
    );
  });

  it('with capitals or underscores in its slug stops the build with the same sentence', async () => {
    collection.entries = [{ id: '03-Green_Threads' }];
    await expect(getChapters()).rejects.toThrow(
      new Error(
        'content/chapters/03-Green_Threads.mdx: a chapter file is named NN-slug.mdx (two digits, then lowercase words with dashes). Fix: rename the file.',
      ),
    );
  });
});
