import { describe, expect, it } from 'vitest';
import { folderOfFiles } from './folder-of-files.ts';
import { readAllDemos } from './all-demos.ts';
import { DemoFolderError } from './demo-folder.ts';

const folder = (files: Record<string, string>) => folderOfFiles(files, 'all-demos-');

const nodeDemo = JSON.stringify({ name: 'x', demo: { title: 'T', command: 'node main.js', editable: ['main.js'], runtimes: ['worker'] } });
const pythonEntry = (file: string) => `${file}:\n  title: A program\n  framework: stdlib\n  runtimes: [local]\n`;

describe('readAllDemos', () => {
  it('finds a Node demo folder and a Python program whose ids differ', async () => {
    const base = await folder({
      'echo/package.json': nodeDemo,
      'echo/main.js': '',
      'python/demos.yaml': pythonEntry('stall.py'),
      'python/stall.py': '',
    });
    expect((await readAllDemos(base, 'demos')).map(({ id, manifest }) => ({ id, manifest }))).toEqual([
      { id: 'echo', manifest: 'demos/echo/package.json' },
      { id: 'stall', manifest: 'demos/python/demos.yaml' },
    ]);
  });

  it('refuses two demos with the same id, naming both manifests and asking to rename one', async () => {
    const base = await folder({
      'echo/package.json': nodeDemo,
      'echo/main.js': '',
      'python/demos.yaml': pythonEntry('echo.py'),
      'python/echo.py': '',
    });
    await expect(readAllDemos(base, 'demos')).rejects.toThrow(
      new DemoFolderError('Two demos have the id "echo": demos/echo/package.json and demos/python/demos.yaml. Fix: rename one.'),
    );
  });
});
