import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { chapterSchema } from './content-model/chapter.ts';
import { demoSchema } from './content-model/demo.ts';
import { demoLoader } from './content-model/demo-loader.ts';
import { frameworkSchema } from './content-model/framework.ts';
import { sourceSchema } from './content-model/source.ts';
import { sourcesLoader } from './content-model/sources-loader.ts';

/** The talk itself: content/chapters/NN-slug.mdx, ordered by file name. */
const chapters = defineCollection({
  loader: glob({ pattern: '[0-9][0-9]-*.mdx', base: './content/chapters' }),
  schema: chapterSchema,
});

/** Checked facts about the five systems; comparison tables are generated from them. */
const frameworks = defineCollection({
  loader: file('./content/frameworks.yaml'),
  schema: frameworkSchema,
});

/** Everything a page may cite: content/sources/*.yaml, ids unique across files. */
const sources = defineCollection({
  loader: sourcesLoader({ base: './content/sources/' }),
  schema: sourceSchema,
});

/** Runnable demos: demos/<id>/ with a "demo" key in package.json. */
const demos = defineCollection({
  loader: demoLoader({ base: './demos/' }),
  schema: demoSchema,
});

export const collections = { chapters, frameworks, sources, demos };
