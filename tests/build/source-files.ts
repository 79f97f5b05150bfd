// The site's own code, as the tests that read it (the layer rules, the storage-key registry) see
// it: every .ts, .astro and .mjs file under src/ but the tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Each source file under src/, by its path from src/ ("deck/main.ts"), with its text. */
export function sourceFiles(): { path: string; text: string }[] {
  return readdirSync('src', { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|astro|mjs)$/.test(entry.name) && !entry.name.endsWith('.spec.ts'))
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      return { path: relative('src', file), text: readFileSync(file, 'utf8') };
    });
}
