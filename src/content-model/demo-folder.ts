import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { demoManifestSchema, type Demo, type DemoFile } from './demo.ts';

/** A demo folder that cannot be loaded. The message names the folder, what is wrong, and the fix. */
export class DemoFolderError extends Error {
  override name = 'DemoFolderError';
}

async function listFiles(root: string, dir = root): Promise<DemoFile[]> {
  const files: DemoFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, full)));
    else if (entry.isFile()) files.push({ path: relative(root, full), contents: await readFile(full, 'utf8') });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Reads `demos/<id>/`: validates the `demo` key of its package.json and collects its files.
 * `label` is how the folder is named in errors (e.g. "demos/many-clients").
 */
export async function readDemoFolder(dir: string, label: string): Promise<Demo> {
  const manifestPath = `${label}/package.json`;
  let pkg: unknown;
  try {
    pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  } catch (error) {
    throw new DemoFolderError(
      `${manifestPath} could not be read as JSON: ${(error as Error).message}. ` +
        'Fix: give the folder a valid package.json with a "demo" key.',
    );
  }
  const demoKey = (pkg as { demo?: unknown } | null)?.demo;
  if (demoKey === undefined) {
    throw new DemoFolderError(
      `${manifestPath} has no "demo" key. Fix: add "demo": { "title", "command", "editable", "runtimes" }.`,
    );
  }
  const parsed = demoManifestSchema.safeParse(demoKey);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `"demo${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}": ${issue.message}`)
      .join('; ');
    throw new DemoFolderError(`${manifestPath} has a malformed "demo" key: ${problems}.`);
  }
  const files = await listFiles(dir);
  const paths = new Set(files.map((file) => file.path));
  const missing = parsed.data.editable.filter((path) => !paths.has(path));
  if (missing.length > 0) {
    throw new DemoFolderError(
      `${manifestPath} lists editable files that are not in the folder: ${missing.join(', ')}. ` +
        'Fix: correct "demo.editable" or add the files.',
    );
  }
  const entryFile = parsed.data.command.split(/\s+/)[1]!;
  if (!paths.has(entryFile)) {
    throw new DemoFolderError(
      `${manifestPath}: "demo.command" runs ${entryFile}, which is not in the folder. Fix: correct the command or add the file.`,
    );
  }
  const { session, port, runtimes } = parsed.data;
  if (session && port === undefined) {
    throw new DemoFolderError(`${manifestPath}: "demo.session" is for servers only. Fix: add "demo.port", or remove the session.`);
  }
  if (session && !paths.has(session.client)) {
    throw new DemoFolderError(
      `${manifestPath}: "demo.session.client" is ${session.client}, which is not in the folder. Fix: correct it or add the file.`,
    );
  }
  if (port !== undefined && runtimes.includes('replay') && !session) {
    throw new DemoFolderError(
      `${manifestPath}: a server can only be replayed from a recorded session. ` +
        'Fix: add "demo.session": { "client": "<script that talks to the server>" }, or remove "replay" from "demo.runtimes".',
    );
  }
  return { ...parsed.data, folder: label, files };
}
