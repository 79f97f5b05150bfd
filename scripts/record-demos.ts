// npm run demos:record: runs every demo that lists the "replay" runtime in real Node and writes
// what it printed, with timestamps, to demos/<id>/replay.json. Commit the result:
// tests/demos/replay-fresh.spec.ts fails when a transcript no longer matches its demo's files.
//
// A server (a demo with a "port") is recorded from a session: record-server.ts starts it, drives
// it with the scripted client its manifest names (demo.session), and stops it.
import { spawn } from 'node:child_process';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDemoFolder } from '../src/content-model/demo-folder.ts';
import { parseCommand } from '../src/runtimes/runtime.ts';
import { filesDigest, TRANSCRIPT_FILE, type ReplayEvent, type Transcript } from '../src/runtimes/transcript.ts';
import { recordServer } from './record-server.ts';

const DEMOS = 'demos';
const TIME_LIMIT_MS = 60_000;

/** Runs `node <entry> [args]` in `cwd`, collecting stdout and stderr as they arrive. */
function record(cwd: string, entry: string, args: string[]): Promise<{ events: ReplayEvent[]; exitCode: number | null }> {
  // A clean environment, so a setting on the recording machine (UV_THREADPOOL_SIZE, NODE_OPTIONS,
  // colours) cannot leak into what every reader sees.
  const env = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };
  const child = spawn(process.execPath, [entry, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = performance.now();
  const events: ReplayEvent[] = [];
  const take = (chunk: Buffer) => events.push({ at: Math.round((performance.now() - started) * 10) / 10, text: chunk.toString('utf8') });
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const killer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ events, exitCode: code });
    });
  });
}

/** One event per line, so a re-recording diffs readably. */
function format(transcript: Transcript): string {
  const { events, ...head } = transcript;
  const lines = events.map((event) => `    ${JSON.stringify(event)}`).join(',\n');
  const top = JSON.stringify(head, null, 2).slice(0, -2);
  return `${top},\n  "events": [\n${lines}\n  ]\n}\n`;
}

// `npm run demos:record -- comet-chat` records only the demos named, leaving the others' as they are.
const only = process.argv.slice(2);

for (const id of (await readdir(DEMOS)).sort()) {
  if (only.length > 0 && !only.includes(id)) continue;
  const dir = join(DEMOS, id);
  const hasManifest = await stat(join(dir, 'package.json')).then(() => true, () => false);
  if (!hasManifest) continue;
  const demo = await readDemoFolder(dir, `${DEMOS}/${id}`);
  if (!demo.runtimes.includes('replay')) continue;
  const { entry, args } = parseCommand(demo.command);
  // readDemoFolder guarantees a replayable server has a session.
  const { events, exitCode, session } =
    demo.port !== undefined && demo.session
      ? await recordServer(dir, { entry, args, port: demo.port }, demo.session)
      : { ...(await record(dir, entry, args)), session: undefined };
  const transcript: Transcript = {
    recordedWith: process.version,
    recordedAt: new Date().toISOString(),
    command: demo.command,
    filesDigest: await filesDigest(demo.files),
    events,
    exitCode,
    ...(session && { session }),
  };
  await writeFile(join(dir, TRANSCRIPT_FILE), format(transcript));
  const last = events.at(-1)?.at ?? 0;
  console.log(`${id}: ${events.length} events over ${Math.round(last)} ms, exit code ${exitCode} → ${dir}/${TRANSCRIPT_FILE}`);
  if (exitCode !== 0) process.exitCode = 1;
}
