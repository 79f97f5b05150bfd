import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Demo } from './demo.ts';
import { DemoFolderError, readDemoFolder } from './demo-folder.ts';
import { pythonRecording, readPythonDemos } from './python-demos.ts';
import { commandsOf, recordingFile } from '../runtimes/transcript.ts';

export interface FoundDemo {
  id: string;
  demo: Demo;
  /** The folder on disk its files are in. */
  dir: string;
  /** The file that declares it, from the project root: for the content layer and for errors. */
  manifest: string;
  /** Each command it runs with, and where its recorded run is kept on disk (`npm run demos:record` writes it). */
  recordings: { command: string; path: string }[];
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * Every demo under `base` (the project's demos/): each folder with a package.json "demo" key, and
 * each program listed in a folder's demos.yaml (demos/python/). The demos collection, the recorder
 * and the tests all read them through here. `label` is how `base` is written in errors ("demos").
 */
export async function readAllDemos(base: string, label: string): Promise<FoundDemo[]> {
  const found: FoundDemo[] = [];
  for (const name of (await readdir(base)).sort()) {
    const dir = join(base, name);
    if (!(await stat(dir)).isDirectory()) continue;
    const folderLabel = `${label}/${name}`;
    if (await exists(join(dir, 'package.json'))) {
      const demo = await readDemoFolder(dir, folderLabel);
      const recordings = commandsOf(demo).map((command) => ({ command, path: join(dir, recordingFile(command)) }));
      found.push({ id: name, demo, dir, manifest: `${folderLabel}/package.json`, recordings });
    }
    for (const { id, demo } of await readPythonDemos(dir, folderLabel)) {
      const recordings = commandsOf(demo).map((command) => ({ command, path: join(dir, pythonRecording(id, command)) }));
      found.push({ id, demo, dir, manifest: `${folderLabel}/demos.yaml`, recordings });
    }
  }
  const seen = new Map<string, string>();
  for (const { id, manifest } of found) {
    const earlier = seen.get(id);
    if (earlier) throw new DemoFolderError(`Two demos have the id "${id}": ${earlier} and ${manifest}. Fix: rename one.`);
    seen.set(id, manifest);
  }
  return found;
}
