// The rules of the folders under src/, read from every import the code writes: a folder below
// another never reaches up into it, and the folders the browser runs side by side (the deck and
// the workbench) never reach into each other. What both need lives in src/shared.
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './source-files.ts';

const SRC = resolve('src');
const BROWSER_FOLDERS = ['deck', 'workbench', 'book', 'runtimes', 'offline'];

/** Every file's imports under src/, as from/to pairs of paths from src/ ("deck/main.ts"). */
function readImports(): { from: string; to: string }[] {
  // `from '…'`, `import '…'` and `import('…')`: relative specifiers only (packages are not ours).
  return sourceFiles().flatMap(({ path, text }) =>
    [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"?]+)/g)].map(([, specifier]) => ({
      from: path,
      to: relative(SRC, resolve(SRC, dirname(path), specifier!)),
    })),
  );
}

const imports = readImports();
const folderOf = (path: string) => path.split('/')[0]!;
const crossing = (rule: (from: string, to: string) => boolean) =>
  imports
    .filter(({ from, to }) => rule(folderOf(from), folderOf(to)))
    .map(({ from, to }) => `${from} imports ${to}`);

describe('the layer rules of src/', () => {
  it('reads the imports it judges (a rule over no imports could never fail)', () => {
    expect(imports.filter(({ from }) => folderOf(from) === 'deck').length).toBeGreaterThan(10);
    expect(imports.some(({ from, to }) => from === 'deck/main.ts' && to === 'deck/deck.ts')).toBe(true);
  });

  it('nothing in src/deck imports from src/workbench, or the other way round', () => {
    expect(crossing((from, to) => (from === 'deck' && to === 'workbench') || (from === 'workbench' && to === 'deck'))).toEqual([]);
  });

  it('nothing in src/markdown imports a browser folder', () => {
    expect(crossing((from, to) => from === 'markdown' && BROWSER_FOLDERS.includes(to))).toEqual([]);
  });

  it('src/shared, below every other folder, imports none of them', () => {
    expect(crossing((from, to) => from === 'shared' && to !== 'shared')).toEqual([]);
  });
});
