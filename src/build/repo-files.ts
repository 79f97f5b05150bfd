import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/**
 * Reads a file of the repository by its path from the project root; fails the build if absent.
 * `where` names what asked for it in that message (a <CodeFile> by default).
 */
export async function readRepoFile(path: string, root = process.cwd(), where = `<CodeFile path="${path}">`): Promise<string> {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) {
    throw new Error(`${where}: the path leaves the project. Fix: give a path inside the repository.`);
  }
  try {
    return await readFile(full, 'utf8');
  } catch {
    throw new Error(`${where}: no such file in the repository (looked for ${full}). Fix: correct the path; it is relative to the project root.`);
  }
}

const LANGUAGES: Record<string, string> = {
  py: 'python',
  js: 'js',
  mjs: 'js',
  ts: 'ts',
  json: 'json',
  html: 'html',
  sh: 'shell',
  yaml: 'yaml',
  txt: 'plaintext',
};

export function languageOf(path: string): string {
  const extension = path.split('.').pop() ?? '';
  return LANGUAGES[extension] ?? 'plaintext';
}

/** Cuts "12-30" (1-based, inclusive) out of a file; fails the build on a range the file lacks. */
export function sliceLines(source: string, range: string, path: string, where = `<CodeFile path="${path}" lines="${range}">`): string {
  const match = /^(\d+)-(\d+)$/.exec(range);
  const all = source.split('\n');
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from < 1 || to < from || to > all.length) {
    throw new Error(
      `${where}: not a range of this ${all.length}-line file. Fix: write lines="FROM-TO" within 1-${all.length}.`,
    );
  }
  return all.slice(from - 1, to).join('\n');
}
