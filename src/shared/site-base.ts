// Where the site lives: `/` by default, or SITE_BASE (say `/async-talk/` for a GitHub Pages
// project site), which astro.config.mjs passes to Astro as `base`. Every address the site writes
// is made here, so a build under a subpath needs nothing else. (The two browser modules that
// need it, search.ts and the deck's main.ts, read import.meta.env.BASE_URL themselves: a
// module shared by two pages' scripts would be a request of its own on each.)

/** The base path, always with a trailing slash. */
export const SITE_BASE: string = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** The site's address for a path written from the root of the site: `sitePath('/deck/')`. */
export function sitePath(path: string): string {
  return SITE_BASE + path.replace(/^\//, '');
}
