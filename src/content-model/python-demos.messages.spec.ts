import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoFolderError } from './demo-folder.ts';
import { readPythonDemos } from './python-demos.ts';

async function withManifest(yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'python-demos-'));
  await writeFile(join(dir, 'demos.yaml'), yaml);
  await writeFile(join(dir, 'stall.py'), '');
  return dir;
}

describe('readPythonDemos', () => {
  it('reads a well-formed manifest', async () => {
    const dir = await withManifest('stall.py:\n  title: The stall\n  framework: stdlib\n  runtimes: [local]\n');
    expect((await readPythonDemos(dir, 'demos/python')).map(({ id }) => id)).toEqual(['stall']);
  });

  it('refuses a demos.yaml that lists a program twice, naming the manifest and where the parser stopped, without its code snippet', async () => {
    const entry = 'stall.py:\n  title: The stall\n  framework: stdlib\n  runtimes: [local]\n';
    const dir = await withManifest(entry + entry);
    await expect(readPythonDemos(dir, 'demos/python')).rejects.toThrow(
      new DemoFolderError('demos/python/demos.yaml is not valid YAML: duplicated mapping key (5:1).'),
    );
  });

  it('refuses a demos.yaml that is not valid YAML, such as a list left unclosed', async () => {
    const dir = await withManifest('stall.py:\n  title: The stall\n  framework: stdlib\n  runtimes: [local\n');
    await expect(readPythonDemos(dir, 'demos/python')).rejects.toThrow(
      new DemoFolderError('demos/python/demos.yaml is not valid YAML: deficient indentation (5:1).'),
    );
  });
});
