import { describe, expect, it } from 'vitest';
import { LinkError, linkModules, relativeImports, resolvePath, rewriteImports } from './module-linker.ts';

const fakeUrls = () => {
  const sources: string[] = [];
  return { sources, createUrl: (source: string) => `blob:test/${sources.push(source)}` };
};

describe('resolvePath', () => {
  it('resolves relative to the importing file and refuses to leave the demo', () => {
    expect(resolvePath('main.js', './greenlets.js')).toBe('greenlets.js');
    expect(resolvePath('lib/a.js', '../b.js')).toBe('b.js');
    expect(resolvePath('lib/a.js', './c/d.js')).toBe('lib/c/d.js');
    expect(resolvePath('main.js', '../outside.js')).toBeUndefined();
  });
});

describe('relativeImports', () => {
  it('finds static and dynamic relative imports, not packages', () => {
    const source = `import a from './a.js';\nimport "./b.js";\nexport { c } from '../x/c.js';\nimport fs from 'node:fs';\nconst d = await import('./d.js');`;
    expect(relativeImports('lib/main.js', source)).toEqual({ static: ['lib/a.js', 'lib/b.js', 'x/c.js'], dynamic: ['lib/d.js'] });
  });
});

describe('rewriteImports', () => {
  it('points specifiers at URLs, tracks dynamic imports, and keeps line numbers', () => {
    const source = `import a from './a.js';\nawait import('./d.js');\nimport x from './missing.js';`;
    const out = rewriteImports('main.js', source, (path) => (path === 'missing.js' ? undefined : `blob:${path}`));
    expect(out).toBe(
      `import a from "blob:a.js";\nawait globalThis.__asyncTalkTrack(import("blob:d.js"));\nimport x from './missing.js';`,
    );
  });
});

describe('linkModules', () => {
  it('links the coroutines demo: the dynamically imported file gets its own URL first', () => {
    const { sources, createUrl } = fakeUrls();
    const linked = linkModules(
      [
        { path: 'greenlets.js', contents: 'hub.run();' },
        { path: 'main.js', contents: "console.log(1);\nawait import('./greenlets.js');" },
        { path: 'package.json', contents: '{}' },
      ],
      'main.js',
      createUrl,
    );
    expect(sources).toEqual([
      'hub.run();',
      'globalThis.__asyncTalkStarted?.();console.log(1);\nawait globalThis.__asyncTalkTrack(import("blob:test/1"));',
    ]);
    expect(linked.entryUrl).toBe('blob:test/2');
    expect(linked.pathOf.get('blob:test/1')).toBe('greenlets.js');
  });

  it('links static dependencies before the files that import them', () => {
    const { sources, createUrl } = fakeUrls();
    linkModules(
      [
        { path: 'main.js', contents: "import { b } from './b.js';" },
        { path: 'b.js', contents: "import { c } from './c.js'; export const b = c;" },
        { path: 'c.js', contents: 'export const c = 1;' },
      ],
      'main.js',
      createUrl,
    );
    expect(sources[0]).toBe('export const c = 1;');
    expect(sources[1]).toBe('import { c } from "blob:test/1"; export const b = c;');
    expect(sources[2]).toContain('from "blob:test/2"');
  });

  it('refuses a static import cycle with a message that names it and the fix', () => {
    const files = [
      { path: 'main.js', contents: "import './a.js';" },
      { path: 'a.js', contents: "import './main.js';" },
    ];
    expect(() => linkModules(files, 'main.js', fakeUrls().createUrl)).toThrow(LinkError);
    expect(() => linkModules(files, 'main.js', fakeUrls().createUrl)).toThrow(
      'The Web Worker runtime cannot run files that import each other in a circle (main.js → a.js → main.js). Fix: move what both need into a third file, or import one of them with import().',
    );
  });

  it('refuses a missing entry file', () => {
    expect(() => linkModules([{ path: 'a.js', contents: '' }], 'main.js', fakeUrls().createUrl)).toThrow(
      'The command runs main.js, which is not among the demo\'s files. Fix: restore the file or reset the demo.',
    );
  });
});
