import { describe, expect, it } from 'vitest';
import { codeMorphVersionTag } from '../content-model/code-morphs.ts';
import { languageOf, readRepoFile, sliceLines } from './repo-files.ts';

describe('repo files for <CodeFile>', () => {
  it('reads a file of the repository', async () => {
    expect(await readRepoFile('demos/many-clients/server.js')).toContain("import net from 'node:net'");
  });

  it('fails with the path and the fix when the file does not exist', async () => {
    await expect(readRepoFile('demos/python/nope.py')).rejects.toThrow(
      /<CodeFile path="demos\/python\/nope\.py">: no such file in the repository .* Fix: correct the path/,
    );
  });

  it('refuses paths that leave the project', async () => {
    await expect(readRepoFile('../shared/facts.md')).rejects.toThrow('the path leaves the project');
  });

  it('slices an inclusive 1-based range and rejects ranges the file lacks', () => {
    expect(sliceLines('a\nb\nc\nd', '2-3', 'f')).toBe('b\nc');
    expect(() => sliceLines('a\nb', '2-9', 'f.py')).toThrow('<CodeFile path="f.py" lines="2-9">: not a range of this 2-line file');
  });

  it('picks the language from the extension', () => {
    expect(languageOf('demos/python/chat_gevent.py')).toBe('python');
    expect(languageOf('demos/x/main.js')).toBe('js');
    expect(languageOf('README')).toBe('plaintext');
  });
});

describe('a file read for a code morph', () => {
  const where = codeMorphVersionTag('wait-handler', { label: 'Node.js', path: 'demos/comet-chat/server.js', lines: '64-999' });

  it('names the morph, the version and where morphs are listed, for a range the file lacks', () => {
    expect(() => sliceLines('a\nb', '64-999', 'demos/comet-chat/server.js', where)).toThrow(
      '<CodeMorph id="wait-handler">, version "Node.js" (demos/comet-chat/server.js, lines 64-999, in src/content-model/code-morphs.ts): not a range of this 2-line file. Fix: write lines="FROM-TO" within 1-2.',
    );
  });

  it('names them for a file that does not exist', async () => {
    await expect(readRepoFile('demos/comet-chat/nope.js', process.cwd(), where)).rejects.toThrow(
      '<CodeMorph id="wait-handler">, version "Node.js" (demos/comet-chat/server.js, lines 64-999, in src/content-model/code-morphs.ts): no such file in the repository',
    );
  });
});
