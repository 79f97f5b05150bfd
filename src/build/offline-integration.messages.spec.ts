// The build's search index, with a stand-in for Pagefind's backend binary: the pagefind package
// runs whatever PAGEFIND_EXTENDED_BINARY_PATH names and talks to it over stdin and stdout, so a
// small Node program that speaks that protocol can answer each step with the error Pagefind would.
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { close } from 'pagefind';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { offline } from './offline-integration.ts';

/** Answers each request in Pagefind's service protocol (base64 JSON, comma-terminated), failing the step FAKE_PAGEFIND_FAIL names. */
const FAKE_BACKEND = `#!${process.execPath}
const fail = process.env.FAKE_PAGEFIND_FAIL;
const ok = { NewIndex: () => ({ type: 'NewIndex', index_id: 1 }), AddDir: () => ({ type: 'IndexedDir', page_count: 3 }), WriteFiles: (p) => ({ type: 'WriteFiles', output_path: p.output_path }) };
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const parts = (pending + chunk).split(',');
  pending = parts.pop();
  for (const part of parts) {
    const { message_id, payload } = JSON.parse(Buffer.from(part, 'base64').toString());
    const answer = payload.type === fail ? { type: 'Error', message: process.env.FAKE_PAGEFIND_MESSAGE } : ok[payload.type](payload);
    process.stdout.write(Buffer.from(JSON.stringify({ message_id, payload: answer })).toString('base64') + ',');
  }
});
`;

let backend = '';
beforeAll(async () => {
  backend = join(await mkdtemp(join(tmpdir(), 'fake-pagefind-')), 'pagefind_extended');
  await writeFile(backend, FAKE_BACKEND);
  await chmod(backend, 0o755);
});
afterEach(async () => {
  // The integration closes Pagefind once it has an index; when none starts, the backend would
  // live on into the next test (with the last test's environment), so it is closed here.
  await close();
  vi.unstubAllEnvs();
});

/** Runs the integration's build hook on an empty build folder, with Pagefind failing at `step`. */
async function buildDone(step: 'NewIndex' | 'AddDir' | 'WriteFiles', message: string) {
  vi.stubEnv('PAGEFIND_EXTENDED_BINARY_PATH', backend);
  vi.stubEnv('FAKE_PAGEFIND_FAIL', step);
  vi.stubEnv('FAKE_PAGEFIND_MESSAGE', message);
  const dist = await mkdtemp(join(tmpdir(), 'dist-'));
  const logged: string[] = [];
  const logger = { info: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) };
  const hook = offline().hooks['astro:build:done']!;
  const done = hook({ dir: pathToFileURL(`${dist}/`), logger } as never);
  return { done: Promise.resolve(done), logged };
}

describe('the search index step of the build', () => {
  it('stops the build when Pagefind cannot start, with Pagefind\'s reason', async () => {
    const { done, logged } = await buildDone('NewIndex', 'unknown option "root_selector"');
    await expect(done).rejects.toThrow(new Error('Pagefind could not start: unknown option "root_selector"'));
    expect(logged).toEqual([]);
  });

  it('stops the build when Pagefind cannot index the built pages, with Pagefind\'s reason', async () => {
    const { done, logged } = await buildDone('AddDir', 'could not read dist/index.html');
    await expect(done).rejects.toThrow(new Error('Pagefind: could not read dist/index.html'));
    expect(logged).toEqual([]);
  });

  it('stops the build when Pagefind cannot write the index, with Pagefind\'s reason', async () => {
    const { done, logged } = await buildDone('WriteFiles', 'permission denied: dist/pagefind');
    await expect(done).rejects.toThrow(new Error('Pagefind: permission denied: dist/pagefind'));
    expect(logged).toEqual([]);
  });
});
