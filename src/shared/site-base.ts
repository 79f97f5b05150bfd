// Where the site lives: `/` by default, or SITE_BASE (say `/async-talk/` for a GitHub Pages
// project site), which astro.config.mjs passes to Astro as `base`. Every address the site writes
// is made here, so a build under a subpath needs nothing else.

/** The base path, always with a trailing slash. */
export const SITE_BASE: string = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** The site's address for a path written from the root of the site: `sitePath('/deck/')`. */
export function sitePath(path: string): string {
  return SITE_BASE + path.replace(/^\//, '');
}
