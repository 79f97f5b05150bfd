import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'astro/zod';
import { commandsOf, recordingFile, recordingSuffix } from '../runtimes/transcript.ts';
import { PYTHON_NEEDS } from '../shared/python-frameworks.ts';
import { portSchema, variantsSchema, type Demo, type DemoFile } from './demo.ts';
import { DemoFolderError } from './demo-folder.ts';

/** The manifest of the Python programs that open in the workbench, in their folder. */
export const PYTHON_MANIFEST = 'demos.yaml';
/** Where `npm run demos:record` writes each program's recorded run, in the same folder. */
export const RECORDINGS = 'recordings';

/** Python runs on this computer (the local runner) or is replayed: no browser runtime has it. */
const pythonRuntimes = ['local', 'replay'] as const;

/**
 * One entry of demos/python/demos.yaml, keyed by the program's file name. The command is always
 * `python3 <file>` (its variants add arguments), so it is not written out.
 */
export const pythonDemoSchema = z
  .object({
    title: z.string().min(1),
    /** What it needs installed besides Python: the local runner checks it, the recording names its version. */
    framework: z.enum(PYTHON_NEEDS),
    runtimes: z.array(z.enum(pythonRuntimes)).min(1),
    variants: variantsSchema,
    /**
     * Files it reads besides itself, mounted beside it: modules of the folder (chat_common.py,
     * lanes.py), or a file of a sibling demo folder (../comet-chat/index.html).
     */
    uses: z.array(z.string().regex(/^(\.\.\/[\w-]+\/)?[\w-]+\.\w+$/, 'must be a file of the folder (lanes.py) or of a sibling folder (../comet-chat/index.html)')).default([]),
    /** Environment variables it is run with, in the workbench and when recorded. */
    env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string()).default({}),
    /** For servers: the port it listens on by default (it reads PORT). */
    port: portSchema,
    /** For a server that is replayed: the Python client that drives it while it is recorded. */
    session: z.object({ client: z.string().regex(/^\w+\.py$/), env: z.record(z.string(), z.string()).default({}) }).strict().optional(),
  })
  .strict();

export type PythonDemoEntry = z.infer<typeof pythonDemoSchema>;

/** The demo id of a program: its file name without ".py" (gevent_blocking_stall). */
export const pythonDemoId = (file: string) => file.replace(/\.py$/, '');

/** Where a program's recording of `command` is kept in its folder: recordings/<id>.json, recordings/<id>-blocking.json. */
export const pythonRecording = (id: string, command: string) => `${RECORDINGS}/${id}${recordingSuffix(command)}.json`;

const readIfThere = (path: string) => readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));

/**
 * Reads `<dir>/demos.yaml`, or nothing if the folder has none. `label` names the folder in errors
 * ("demos/python"); each error names the manifest, the program and the field, and the fix.
 */
export async function readPythonDemos(dir: string, label: string): Promise<{ id: string; demo: Demo }[]> {
  const manifestLabel = `${label}/${PYTHON_MANIFEST}`;
  const text = await readIfThere(join(dir, PYTHON_MANIFEST));
  if (text === undefined) return [];
  let entries: unknown;
  try {
    entries = load(text);
  } catch (error) {
    throw new DemoFolderError(`${manifestLabel} is not valid YAML: ${(error as Error).message.split('\n')[0]}.`);
  }
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw new DemoFolderError(`${manifestLabel} must map each program's file name to its entry. Fix: write "gevent_sleep0.py:" then its title, framework and runtimes.`);
  }
  const demos: { id: string; demo: Demo }[] = [];
  for (const [file, raw] of Object.entries(entries)) {
    const where = `${manifestLabel}, ${file}`;
    if (!/^\w+\.py$/.test(file)) throw new DemoFolderError(`${where}: the key must be a program's file name in ${label}, such as gevent_sleep0.py.`);
    const parsed = pythonDemoSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `"${issue.path.map(String).join('.') || '(the entry)'}": ${issue.message}`).join('; ');
      throw new DemoFolderError(`${where} is malformed: ${problems}.`);
    }
    const entry = parsed.data;
    const files: DemoFile[] = [];
    for (const path of [file, ...entry.uses, ...(entry.session ? [entry.session.client] : [])]) {
      const contents = await readIfThere(join(dir, path));
      if (contents === undefined) throw new DemoFolderError(`${where}: ${path} is not in ${label}. Fix: correct the name, or add the file.`);
      files.push({ path, contents });
    }
    // A module it imports but does not mount would fail only when run: say so at build time.
    const local = new Set(files.filter((f) => f.path.endsWith('.py')).map((f) => f.path));
    for (const { path, contents } of files.filter((f) => f.path.endsWith('.py'))) {
      for (const [, module] of contents.matchAll(/^(?:from|import)\s+(\w+)/gm)) {
        const needed = `${module}.py`;
        if (!local.has(needed) && (await readIfThere(join(dir, needed))) !== undefined) {
          throw new DemoFolderError(`${where}: ${path} imports ${module}, which is not in "uses". Fix: add ${needed} to "uses".`);
        }
      }
    }
    if (entry.session && entry.port === undefined) throw new DemoFolderError(`${where}: "session" is for servers only. Fix: add "port", or remove the session.`);
    if (entry.port !== undefined && entry.runtimes.includes('replay') && !entry.session) {
      throw new DemoFolderError(`${where}: a server can only be replayed from a recorded session. Fix: add "session": { "client": "<a Python client in the folder>" }, or remove "replay".`);
    }
    const id = pythonDemoId(file);
    const { framework, runtimes, variants, port, session, title, env } = entry;
    const command = `python3 ${file}`;
    // Its recordings ride along as the files the replay runtime reads (replay.json, replay-blocking.json).
    for (const recorded of commandsOf({ command, variants })) {
      const contents = await readIfThere(join(dir, pythonRecording(id, recorded)));
      if (contents !== undefined) files.push({ path: recordingFile(recorded), contents });
    }
    const demo: Demo = {
      title,
      command,
      ...(variants && { variants }),
      editable: [file],
      runtimes: [...runtimes],
      framework,
      folder: label,
      ...(Object.keys(env).length > 0 && { env }),
      files,
      ...(port !== undefined && { port }),
      ...(session && { session }),
    };
    demos.push({ id, demo });
  }
  return demos;
}
