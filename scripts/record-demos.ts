// npm run demos:record: runs every demo that lists the "replay" runtime for real, and writes what it
// printed, with timestamps, to its recording (demos/<id>/replay.json, or for a Python program
// demos/python/recordings/<name>.json). Commit the result: tests/demos/replay-fresh.spec.ts fails
// when a recording no longer matches its demo's files.
//
// Node demos run on this Node; Python programs on Debian's /usr/bin/python3 (or $PYTHON), with the
// gevent, Eventlet and Twisted the tests use, and the recording names their versions.
// A server (a demo with a "port") is recorded from a session: record-server.ts starts it, drives
// it with the scripted client its manifest names (demo.session), and stops it.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readAllDemos } from '../src/content-model/all-demos.ts';
import { parseCommand } from '../src/runtimes/runtime.ts';
import { filesDigest, type ReplayEvent, type Transcript } from '../src/runtimes/transcript.ts';
import { runEnvironment } from '../src/shared/run-environment.ts';
import { interpreterFor, versionsOf } from './interpreters.ts';
import { recordServer } from './record-server.ts';

const TIME_LIMIT_MS = 60_000;

/** Runs `program args` in `cwd`, collecting stdout and stderr as they arrive. */
function record(cwd: string, program: string, args: string[], env: Record<string, string>): Promise<{ events: ReplayEvent[]; exitCode: number | null }> {
  const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

// `npm run demos:record -- comet-chat gevent_sleep0` records only the demos named.
const only = process.argv.slice(2);

for (const { id, demo, dir, recordings } of await readAllDemos('demos', 'demos')) {
  if (only.length > 0 && !only.includes(id)) continue;
  if (!demo.runtimes.includes('replay')) continue;
  // Every command of a demo runs on the same interpreter: asked for its versions once.
  const { interpreter } = parseCommand(demo.command);
  const program = interpreterFor(interpreter);
  const versions = await versionsOf(interpreter, program, demo.framework);
  const env = runEnvironment(demo.env);
  for (const { command, path: recording } of recordings) {
    const { entry, args } = parseCommand(command);
    // readDemoFolder and readPythonDemos guarantee a replayable server has a session.
    const { events, exitCode, session } =
      demo.port !== undefined && demo.session
        ? await recordServer(dir, { program, args: [entry, ...args], port: demo.port, env }, demo.session)
        : { ...(await record(dir, program, [entry, ...args], env)), session: undefined };
    const transcript: Transcript = {
      ...versions,
      recordedAt: new Date().toISOString(),
      command,
      filesDigest: await filesDigest(demo.files),
      events,
      exitCode,
      ...(session && { session }),
    };
    await mkdir(dirname(recording), { recursive: true });
    await writeFile(recording, format(transcript));
    const last = events.at(-1)?.at ?? 0;
    console.log(`${id} (${command}): ${events.length} events over ${Math.round(last)} ms, exit code ${exitCode} → ${recording}`);
    // A server is stopped by the recorder (a Python one dies of the SIGTERM: code null); its session passing is what counts.
    if (exitCode !== 0 && !session) process.exitCode = 1;
  }
}
