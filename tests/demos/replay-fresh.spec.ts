// Every replay transcript must be a real run of the demo as it is now: a transcript whose files
// digest differs was recorded from other code, and replaying it would show output this code does
// not produce. Fix a failure with `npm run demos:record` and commit the result.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllDemos } from '../../src/content-model/all-demos.ts';
import { frameworkOf } from '../../src/shared/python-frameworks.ts';
import { CLIENT_LABEL, filesDigest, parseTranscript } from '../../src/runtimes/transcript.ts';

const demos = (await readAllDemos('demos', 'demos')).filter(({ demo }) => demo.runtimes.includes('replay'));

describe('replay transcripts', () => {
  it('exist for the demos that list the replay runtime', () => {
    expect(demos.map((d) => d.id)).toContain('reactor-callbacks');
    // A server too, recorded from a scripted session.
    expect(demos.map((d) => d.id)).toContain('comet-chat');
    // And every Python program a chapter runs, on the real frameworks.
    expect(demos.map((d) => d.id)).toContain('gevent_blocking_stall');
    expect(demos.map((d) => d.id)).toContain('chat_twisted');
  });

  for (const { id, demo, recording, command } of demos.flatMap((found) => found.recordings.map((recorded) => ({ ...found, recording: recorded.path, command: recorded.command })))) {
    const label = relative('.', recording);
    it(`${id}: ${label} is well formed and fresh`, async () => {
      const text = await readFile(recording, 'utf8').catch(() => {
        throw new Error(`${label} is missing. Fix: run \`npm run demos:record\` and commit it.`);
      });
      const transcript = parseTranscript(JSON.parse(text), label);
      expect(transcript.command, `${label} recorded another command`).toBe(command);
      const framework = frameworkOf(demo.framework);
      if (demo.command.startsWith('python3 ')) {
        // Recorded on real Python, with the version of the framework it needs.
        expect(transcript.recordedWith).toMatch(/^Python 3\.\d+\.\d+$/);
        if (framework) expect(transcript.framework).toMatch(new RegExp(`^${framework.module} \\d+\\.\\d+`));
        else expect(transcript.framework).toBeUndefined();
      } else {
        expect(transcript.recordedWith).toMatch(/^v\d+\.\d+\.\d+$/);
      }
      expect(transcript.events.length, `${label} recorded no output`).toBeGreaterThan(0);
      // A server is stopped by the recorder; a Python one dies of its SIGTERM, with no exit code.
      if (demo.port === undefined) expect(transcript.exitCode, `${label}: the recorded run failed`).toBe(0);
      else expect([0, null], `${label}: the server failed`).toContain(transcript.exitCode);
      const now = await filesDigest(demo.files);
      expect(
        transcript.filesDigest,
        `${label} is stale: the demo's files changed since it was recorded. Fix: run \`npm run demos:record\` and commit it.`,
      ).toBe(now);
      if (demo.port === undefined) {
        expect(transcript.session, `${label}: only a server is recorded with a session`).toBeUndefined();
      } else {
        // A server's transcript is a session: recorded with the client and environment its
        // manifest names, the server's own lines, and the client's, labelled as such.
        const { port, ...session } = transcript.session ?? {};
        expect(session, `${label} was recorded with another session`).toEqual(demo.session);
        const text = transcript.events.map((event) => event.text).join('');
        expect(text).toContain(`listening on port ${port}`);
        const lines = text.split('\n').filter(Boolean);
        expect(lines.some((line) => line.startsWith(CLIENT_LABEL)), `${label} shows nothing the client did`).toBe(true);
        expect(lines.filter((line) => !line.startsWith(CLIENT_LABEL)).length, `${label} shows nothing the server printed`).toBeGreaterThanOrEqual(1);
      }
    });

    if (demo.session) {
      it(`${id}: a change to the session client (${demo.session.client}) makes the transcript stale`, async () => {
        const transcript = parseTranscript(JSON.parse(await readFile(recording, 'utf8')), id);
        const client = demo.session!.client;
        const edited = demo.files.map((file) => (file.path === client ? { ...file, contents: `${file.contents}\n// edited\n` } : file));
        expect(await filesDigest(edited)).not.toBe(transcript.filesDigest);
      });
    }
  }
});
