import { describe, expect, it } from 'vitest';
import { folderOfFiles } from './folder-of-files.ts';
import { DemoFolderError, readDemoFolder } from './demo-folder.ts';

const folder = (files: Record<string, string>) => folderOfFiles(files, 'demo-');

const manifest = (demo: unknown) => JSON.stringify({ name: 'x', demo });
const good = { title: 'T', command: 'node main.js', editable: ['main.js'], runtimes: ['worker'] };

describe('readDemoFolder', () => {
  it('returns the manifest and every file, sorted, without node_modules', async () => {
    const dir = await folder({
      'package.json': manifest(good),
      'main.js': 'console.log(1)',
      'lib/util.js': 'export {}',
      'node_modules/x/index.js': '',
    });
    const demo = await readDemoFolder(dir, 'demos/x');
    expect(demo.title).toBe('T');
    expect(demo.files.map((file) => file.path)).toEqual(['lib/util.js', 'main.js', 'package.json']);
    expect(demo.files.find((file) => file.path === 'main.js')?.contents).toBe('console.log(1)');
  });

  it('names the folder and the field when the demo key is malformed', async () => {
    const dir = await folder({ 'package.json': manifest({ ...good, runtimes: ['browser'] }), 'main.js': '' });
    await expect(readDemoFolder(dir, 'demos/broken')).rejects.toThrow(
      /demos\/broken\/package\.json has a malformed "demo" key: "demo\.runtimes\[0\]"/,
    );
  });

  it('names the folder when the demo key is missing', async () => {
    const dir = await folder({ 'package.json': '{"name":"x"}' });
    await expect(readDemoFolder(dir, 'demos/nokey')).rejects.toThrow('demos/nokey/package.json has no "demo" key');
  });

  it('names the folder when package.json is not JSON', async () => {
    const dir = await folder({ 'package.json': '{ nope' });
    await expect(readDemoFolder(dir, 'demos/bad-json')).rejects.toThrow(/demos\/bad-json\/package\.json could not be read as JSON/);
  });

  it('rejects editable files and commands that point outside the folder contents', async () => {
    const missingEditable = await folder({ 'package.json': manifest({ ...good, editable: ['main.js', 'gone.js', 'lib/also-gone.js'] }), 'main.js': '' });
    await expect(readDemoFolder(missingEditable, 'demos/a')).rejects.toThrow(
      new DemoFolderError(
        'demos/a/package.json lists editable files that are not in the folder: gone.js, lib/also-gone.js. Fix: correct "demo.editable" or add the files.',
      ),
    );
    const missingEntry = await folder({ 'package.json': manifest({ ...good, editable: ['package.json'] }) });
    await expect(readDemoFolder(missingEntry, 'demos/b')).rejects.toThrow('runs main.js, which is not in the folder');
  });

  it('rejects unknown keys, so a typo is not silently ignored', async () => {
    const dir = await folder({ 'package.json': manifest({ ...good, prot: 3000 }), 'main.js': '' });
    await expect(readDemoFolder(dir, 'demos/typo')).rejects.toThrow(/prot/);
  });

  describe('a server that is replayed', () => {
    const server = { ...good, runtimes: ['webcontainer', 'replay'], port: 8000 };

    it('keeps its recording session: the client script and the environment', async () => {
      const dir = await folder({
        'package.json': manifest({ ...server, session: { client: 'session.js', env: { CHAT_WAIT_TIMEOUT: '2' } } }),
        'main.js': '',
        'session.js': '',
      });
      const demo = await readDemoFolder(dir, 'demos/chat');
      expect(demo.session).toEqual({ client: 'session.js', env: { CHAT_WAIT_TIMEOUT: '2' } });
    });

    it('must have a session, since the recorder cannot record a server without a client', async () => {
      const dir = await folder({ 'package.json': manifest(server), 'main.js': '' });
      await expect(readDemoFolder(dir, 'demos/chat')).rejects.toThrow(/demos\/chat\/package\.json: a server can only be replayed from a recorded session/);
    });

    it('names a session client that is not in the folder, and a session on a program that is not a server', async () => {
      const missing = await folder({ 'package.json': manifest({ ...server, session: { client: 'gone.js' } }), 'main.js': '' });
      await expect(readDemoFolder(missing, 'demos/chat')).rejects.toThrow('"demo.session.client" is gone.js, which is not in the folder');
      const notServer = await folder({ 'package.json': manifest({ ...good, session: { client: 'main.js' } }), 'main.js': '' });
      await expect(readDemoFolder(notServer, 'demos/plain')).rejects.toThrow('"demo.session" is for servers only');
    });
  });
});
