import { getEntry } from 'astro:content';
import { parseTranscript, TRANSCRIPT_FILE, type Transcript } from '../runtimes/transcript.ts';
import { TRACE_PREFIX } from '../workbench/trace-filter.ts';

/**
 * What a demo printed in its recorded run (`npm run demos:record`), for a component that shows
 * it or draws from it: the transcript and its output lines, less the timeline's #trace lines.
 * `tag` names the component in the message a missing recording fails the build with.
 */
export async function recordedOutput(id: string, tag: string): Promise<{ transcript: Transcript; lines: string[] }> {
  const demo = await getEntry('demos', id);
  const file = demo?.data.files.find((candidate) => candidate.path === TRANSCRIPT_FILE);
  if (!demo || !file) {
    throw new Error(`${tag}: there is no recorded run of "${id}". Fix: correct the id, or list the demo with the replay runtime and run \`npm run demos:record\`.`);
  }
  const transcript = parseTranscript(JSON.parse(file.contents), `the recording of ${id}`);
  const lines = transcript.events
    .map((event) => event.text)
    .join('')
    .split('\n')
    .filter((line) => !line.startsWith(TRACE_PREFIX));
  while (lines.at(-1) === '') lines.pop();
  return { transcript, lines };
}

/** What made a recording, as a page says it: "Node.js v24.21.0", "Python 3.11.2 with gevent 22.10.2". */
export function ranWith(transcript: Transcript): string {
  const runner = transcript.recordedWith.startsWith('v') ? `Node.js ${transcript.recordedWith}` : transcript.recordedWith;
  return `${runner}${transcript.framework ? ` with ${transcript.framework}` : ''}`;
}

/** The day a recording was made, as a page says it: "1 December 2026". */
export function recordedOn(transcript: Transcript): string {
  return new Date(transcript.recordedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
