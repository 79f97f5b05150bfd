// The worker runtime's own logic (linking, shims, deciding when the program is done) against the
// real demo files evaluated as real ES modules. A browser Worker cannot run under vitest, so a
// child Node process stands in for it: its global scope plays the worker's, and data: URLs play
// Blob URLs (like them, they are absolute and cannot resolve "./greenlets.js").
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { FromWorker } from './worker-protocol.ts';

const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const CHILD = `
import { linkModules } from ${JSON.stringify(here('./module-linker.ts'))};
import { workerMain } from ${JSON.stringify(here('./worker-main.ts'))};
const { files, entry } = JSON.parse(process.argv[1]);
const out = process.stdout.write.bind(process.stdout);
const toUrl = (source) => 'data:text/javascript;base64,' + Buffer.from(source).toString('base64');
const linked = linkModules(files, entry, toUrl);
globalThis.postMessage = (message) => out(JSON.stringify(message) + '\\n');
globalThis.addEventListener = () => {};
workerMain(
  { entryUrl: linked.entryUrl, pathOf: Object.fromEntries(linked.pathOf), entry, argv: ['node', entry], env: {}, flushChars: 16384, flushMs: 16 },
  globalThis,
  (url) => import(url),
);
`;

/** Runs `files` as the worker would, in a child Node process; returns the output and the exit message. */
async function runLinked(files: { path: string; contents: string }[], entry = 'main.js'): Promise<{ output: string; exit: FromWorker }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '--no-warnings', '-e', CHILD, JSON.stringify({ files, entry })], { timeout: 30_000 });
  const posted = stdout.trim().split('\n').map((line) => JSON.parse(line) as FromWorker);
  return { exit: posted.at(-1)!, output: posted.flatMap((m) => (m.type === 'output' ? [m.text] : [])).join('') };
}

/** Every module of the demo's folder, as the page hands them to the worker runtime. */
const demoFiles = async (demo: string) => {
  const paths = (await readdir(`demos/${demo}`)).filter((name) => name.endsWith('.js'));
  return Promise.all(paths.map(async (path) => ({ path, contents: await readFile(`demos/${demo}/${path}`, 'utf8') })));
};

// "  12 ms  A: step 1" → "A: step 1"; trace lines carry timings, so they are left out.
const messages = (output: string) =>
  output.split('\n').filter((line) => line !== '' && !line.startsWith('#trace ')).map((line) => line.replace(/^\s*\d+ ms {2}/, ''));

describe('workerMain with real modules', () => {
  it('runs coroutines (a dynamic import of a sibling file) to the end, and knows when it is done', async () => {
    const node = await run(process.execPath, ['--no-warnings', 'main.js'], { cwd: 'demos/coroutines' });
    const linked = await runLinked(await demoFiles('coroutines'));
    expect(linked.exit).toEqual({ type: 'exit', code: 0 });
    expect(messages(linked.output)).toEqual(messages(node.stdout));
    expect(messages(linked.output).at(-1)).toBe('hub: nothing left to run');
  });

  it('runs reactor-callbacks and exits when the reactor stops', async () => {
    const node = await run(process.execPath, ['main.js'], { cwd: 'demos/reactor-callbacks' });
    const linked = await runLinked(await demoFiles('reactor-callbacks'));
    expect(linked.exit).toEqual({ type: 'exit', code: 0 });
    expect(messages(linked.output)).toEqual(messages(node.stdout));
  });

  it('reports a syntax error in an edited file instead of running it', async () => {
    const { exit, output } = await runLinked([{ path: 'main.js', contents: 'console.log("never");\nconst = 1;' }]);
    expect(exit).toEqual({ type: 'exit', code: 1 });
    expect(output).toMatch(/^SyntaxError in main\.js: .+\nThe program did not start\. Fix the code and press Run again\.\n$/);
  });
});
