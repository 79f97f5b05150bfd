// For the content model's tests: a temporary folder holding the given files, as a demo folder
// or demos/ would on disk.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new temporary folder with `files` (path → contents) written into it; returns its path. */
export async function folderOfFiles(files: Record<string, string>, prefix = 'demo-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
  return dir;
}
