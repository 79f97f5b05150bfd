import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every built HTML page, as a site path ("/", "/chapters/why-async/", …). */
export async function builtPages(dir = 'dist'): Promise<string[]> {
  const pages: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const path = join(entry.parentPath, entry.name).slice(dir.length).replace(/index\.html$/, '');
    pages.push(path);
  }
  return pages.sort();
}

export async function builtHtml(path: string, dir = 'dist'): Promise<string> {
  const file = path.endsWith('/') ? `${path}index.html` : path;
  return readFile(join(dir, file), 'utf8');
}
