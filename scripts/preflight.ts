// npm run preflight: before a talk, runs every demo once through the local runner, as the pages
// of `npm run present` will, and says which run live on this computer and which would replay.
// A server counts once it listens; a program once it exits with code 0. Exits non-zero if any
// demo cannot run live, naming what is missing (a framework, and how to install it).
//   npm run preflight -- gevent_sleep0 comet-chat   tries only the demos named
//   PYTHON=/path/to/python3 npm run preflight       tries that python3 alone
import { readAllDemos } from '../src/content-model/all-demos.ts';
import { postRun, startLoopbackRunner } from '../src/runner/client.ts';
import { isRecordingFile } from '../src/runtimes/transcript.ts';

const server = await startLoopbackRunner();

const only = process.argv.slice(2);
let failed = 0;
console.log('Each demo, run once by the local runner of `npm run present`:\n');
for (const { id, demo } of await readAllDemos('demos', 'demos')) {
  if (!demo.runtimes.includes('local') || (only.length > 0 && !only.includes(id))) continue;
  const started = performance.now();
  let listening = false;
  const answer = await postRun(
    server.port,
    server.pageHeaders(),
    {
      id,
      command: demo.command,
      folder: demo.folder,
      files: demo.files.filter((file) => !isRecordingFile(file.path)),
      framework: demo.framework,
      env: demo.env,
      port: demo.port,
    },
    (event, abort) => {
      if (event.type !== 'server-ready') return;
      listening = true;
      abort();
    },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const exit = answer.events.find((event) => event.type === 'exit');
  const ok = listening || (exit?.reason === 'exit' && exit.code === 0);
  if (!ok) failed++;
  const why = listening ? 'listens' : exit?.message ?? (exit ? `exit code ${exit.code}` : answer.body.trim() || `HTTP ${answer.status}`);
  console.log(`  ${ok ? 'live  ' : 'REPLAY'}  ${id.padEnd(30)} ${demo.command.padEnd(40)} ${seconds.padStart(5)} s  ${ok ? why : `: ${why}`}`);
}
console.log(failed === 0 ? '\nEvery demo runs live here.' : `\n${failed} demo(s) cannot run live here, and will replay their recordings on stage.`);
await server.close();
process.exitCode = failed === 0 ? 0 : 1;
