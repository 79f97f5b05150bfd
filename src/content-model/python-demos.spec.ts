import { describe, expect, it } from 'vitest';
import { folderOfFiles } from './folder-of-files.ts';
import { readPythonDemos } from './python-demos.ts';
import { readAllDemos } from './all-demos.ts';

const folder = (files: Record<string, string>) => folderOfFiles(files, 'python-demos-');

const entry = 'stall.py:\n  title: The stall\n  framework: gevent\n  runtimes: [local, replay]\n';

describe('readPythonDemos', () => {
  it('makes each listed program a demo: python3 <file>, the files it uses, its recording', async () => {
    const dir = await folder({
      'demos.yaml': `${entry}  uses: [lanes.py]\n  variants: [{ label: blocking, args: [--blocking] }]\n  env: { GEVENT_MONITOR_THREAD_ENABLE: "1" }\n`,
      'stall.py': 'import gevent\nimport lanes\n',
      'lanes.py': '',
      'recordings/stall.json': '{"recorded": true}',
      'recordings/stall-blocking.json': '{"recorded": "blocking"}',
    });
    const [found] = await readPythonDemos(dir, 'demos/python');
    expect(found!.id).toBe('stall');
    expect(found!.demo).toMatchObject({
      title: 'The stall',
      command: 'python3 stall.py',
      variants: [{ label: 'blocking', args: ['--blocking'] }],
      editable: ['stall.py'],
      runtimes: ['local', 'replay'],
      framework: 'gevent',
      folder: 'demos/python',
      env: { GEVENT_MONITOR_THREAD_ENABLE: '1' },
    });
    expect(found!.demo.files.map((file) => file.path)).toEqual(['stall.py', 'lanes.py', 'replay.json', 'replay-blocking.json']);
  });

  it('is nothing where a folder has no demos.yaml', async () => {
    expect(await readPythonDemos(await folder({ 'x.py': '' }), 'demos/x')).toEqual([]);
  });

  it('names the manifest, the program and the field of a malformed entry', async () => {
    const dir = await folder({ 'demos.yaml': entry.replace('gevent', 'geventt').replace('[local, replay]', '[worker]'), 'stall.py': '' });
    await expect(readPythonDemos(dir, 'demos/python')).rejects.toThrow(/^demos\/python\/demos\.yaml, stall\.py is malformed: "framework": .*; "runtimes\.0": /);
  });

  it('names a program or a used file that is not in the folder', async () => {
    await expect(readPythonDemos(await folder({ 'demos.yaml': entry }), 'demos/python')).rejects.toThrow(
      'demos/python/demos.yaml, stall.py: stall.py is not in demos/python. Fix: correct the name, or add the file.',
    );
    await expect(readPythonDemos(await folder({ 'demos.yaml': `${entry}  uses: [gone.py]\n`, 'stall.py': '' }), 'demos/python')).rejects.toThrow(
      'stall.py: gone.py is not in demos/python',
    );
  });

  it('names a module of the folder the program imports but does not list in "uses"', async () => {
    const dir = await folder({ 'demos.yaml': entry, 'stall.py': 'from lanes import span\n', 'lanes.py': '' });
    await expect(readPythonDemos(dir, 'demos/python')).rejects.toThrow('stall.py imports lanes, which is not in "uses". Fix: add lanes.py to "uses".');
  });

  it('asks a replayed server for the client that drives its recording', async () => {
    const dir = await folder({ 'demos.yaml': `${entry}  port: 8000\n`, 'stall.py': '' });
    await expect(readPythonDemos(dir, 'demos/python')).rejects.toThrow('a server can only be replayed from a recorded session');
  });

  it('refuses a key that is not a program file name, and YAML that is not a map', async () => {
    await expect(readPythonDemos(await folder({ 'demos.yaml': 'history/old.py:\n  title: x\n' }), 'demos/python')).rejects.toThrow(
      "demos/python/demos.yaml, history/old.py: the key must be a program's file name in demos/python",
    );
    await expect(readPythonDemos(await folder({ 'demos.yaml': '- a\n- b\n' }), 'demos/python')).rejects.toThrow("must map each program's file name to its entry");
  });
});

describe('the project', () => {
  it('lists every Python program a chapter can run, and none of history/', async () => {
    const demos = await readAllDemos('demos', 'demos');
    const python = demos.filter(({ demo }) => demo.command.startsWith('python3 '));
    expect(python.length).toBeGreaterThanOrEqual(30);
    expect(python.every(({ demo }) => demo.folder === 'demos/python')).toBe(true);
    expect(python.some(({ demo }) => demo.files.some((file) => file.path.startsWith('history/')))).toBe(false);
  });
});
