import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadFilesError, createWorkspace, MAX_FILES, MAX_FILES_BYTES } from './workspace.ts';

const file = (path: string, contents = '') => ({ path, contents });

describe('createWorkspace', () => {
  it('writes the files of a demo folder under a fresh folder of its own', async () => {
    const workspace = await createWorkspace('demos/echo', [file('main.js', 'x')]);
    expect(workspace.cwd).toMatch(/async-talk-run-[^/]+\/echo$/);
    expect(await readFile(join(workspace.cwd, 'main.js'), 'utf8')).toBe('x');
    await workspace.remove();
  });

  it('refuses a folder that is not one of the demo folders, quoting it', async () => {
    await expect(createWorkspace('content/chapters', [file('main.js')])).rejects.toThrow(
      new BadFilesError('the folder "content/chapters" is not a demo folder (demos/<name>)'),
    );
    await expect(createWorkspace('demos/../etc', [file('main.js')])).rejects.toThrow(
      new BadFilesError('the folder "demos/../etc" is not a demo folder (demos/<name>)'),
    );
  });

  it('refuses a run with no files, or with more files than it takes, saying how many it got', async () => {
    expect(MAX_FILES).toBe(64);
    await expect(createWorkspace('demos/echo', [])).rejects.toThrow(new BadFilesError('a run takes 1 to 64 files, not 0'));
    const many = Array.from({ length: MAX_FILES + 1 }, (_, i) => file(`f${i}.js`));
    await expect(createWorkspace('demos/echo', many)).rejects.toThrow(new BadFilesError('a run takes 1 to 64 files, not 65'));
  });

  it('refuses files that together are over the size it takes, saying both sizes in bytes', async () => {
    expect(MAX_FILES_BYTES).toBe(2_097_152);
    const files = [file('main.js', 'x'.repeat(MAX_FILES_BYTES - 1)), file('é.txt', 'é')];
    await expect(createWorkspace('demos/echo', files)).rejects.toThrow(
      new BadFilesError("the files come to 2097153 bytes, over the runner's 2097152"),
    );
  });
});
