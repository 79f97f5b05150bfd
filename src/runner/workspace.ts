// A run's files, written to a fresh temporary folder that is removed when the run ends. Every run
// gets its own, so two tabs never share one, and nothing in the repository is ever written.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize, relative } from 'node:path';

export const MAX_FILES = 64;
export const MAX_FILES_BYTES = 2 * 1024 * 1024;

export class BadFilesError extends Error {
  override name = 'BadFilesError';
}

export interface Workspace {
  /** The working folder: <temp>/<the demo folder's name>, so ../comet-chat/index.html still resolves. */
  cwd: string;
  remove(): Promise<void>;
}

/** Writes `files` (paths relative to the demo folder) under a new temporary folder. */
export async function createWorkspace(folder: string, files: readonly { path: string; contents: string }[]): Promise<Workspace> {
  if (!/^demos\/[\w-]+$/.test(folder)) throw new BadFilesError(`the folder ${JSON.stringify(folder)} is not a demo folder (demos/<name>)`);
  if (files.length === 0 || files.length > MAX_FILES) throw new BadFilesError(`a run takes 1 to ${MAX_FILES} files, not ${files.length}`);
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.contents), 0);
  if (bytes > MAX_FILES_BYTES) throw new BadFilesError(`the files come to ${bytes} bytes, over the runner's ${MAX_FILES_BYTES}`);
  const root = await mkdtemp(join(tmpdir(), 'async-talk-run-'));
  const cwd = join(root, basename(folder));
  try {
    for (const file of files) {
      const target = normalize(join(cwd, file.path));
      const inside = relative(root, target);
      if (typeof file.path !== 'string' || typeof file.contents !== 'string' || file.path.includes('\0') || isAbsolute(file.path) || inside.startsWith('..') || isAbsolute(inside)) {
        throw new BadFilesError(`the file path ${JSON.stringify(file.path)} leaves the run's folder`);
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    await mkdir(cwd, { recursive: true });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { cwd, remove: () => rm(root, { recursive: true, force: true }) };
}
