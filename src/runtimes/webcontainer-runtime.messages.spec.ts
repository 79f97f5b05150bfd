import { describe, expect, it, vi } from 'vitest';
import { toFileTree, WebContainerRuntime } from './webcontainer-runtime.ts';

const isolated = { crossOriginIsolated: true, SharedArrayBuffer, Worker: class {} };

describe('toFileTree refuses a demo file it cannot write', () => {
  it('whose path leaves the demo, or is absolute', () => {
    expect(() => toFileTree([{ path: '../etc/passwd', contents: '' }])).toThrow(
      new Error('The file "../etc/passwd" cannot be written: its path must be relative and stay inside the demo.'),
    );
    expect(() => toFileTree([{ path: '/abs.js', contents: '' }])).toThrow(
      new Error('The file "/abs.js" cannot be written: its path must be relative and stay inside the demo.'),
    );
  });

  it('inside a folder that the demo also has as a file', () => {
    expect(() =>
      toFileTree([
        { path: 'lib', contents: '' },
        { path: 'lib/x.js', contents: '' },
      ]),
    ).toThrow(new Error('The file "lib/x.js" cannot be written: "lib" is a file, not a directory.'));
  });

  it('that the demo has twice, or also as a folder', () => {
    expect(() =>
      toFileTree([
        { path: 'main.js', contents: 'a' },
        { path: './main.js', contents: 'b' },
      ]),
    ).toThrow(new Error('The file "./main.js" cannot be written: the demo has it twice, or as a directory too.'));
    expect(() =>
      toFileTree([
        { path: 'lib/x.js', contents: '' },
        { path: 'lib', contents: '' },
      ]),
    ).toThrow(new Error('The file "lib" cannot be written: the demo has it twice, or as a directory too.'));
  });
});

describe('a WebContainer run of such a demo', () => {
  it('shows the reader why in the terminal, and boots nothing', async () => {
    const boot = vi.fn(() => Promise.reject(new Error('must not boot')));
    const runtime = new WebContainerRuntime({ boot, slot: {}, scope: isolated });
    const output: string[] = [];
    const demo = { id: 'escape', command: 'node main.js', files: [{ path: 'main.js', contents: '' }, { path: '../outside.js', contents: '' }] };
    const message = 'The file "../outside.js" cannot be written: its path must be relative and stay inside the demo.';
    expect(await runtime.run(demo, { sink: { write: (text) => void output.push(text) } }).exited).toEqual({ code: null, reason: 'error', message });
    expect(output.join('')).toBe(`${message}\n`);
    expect(boot).not.toHaveBeenCalled();
  });
});
