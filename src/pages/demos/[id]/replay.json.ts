// /demos/<id>/replay.json: each demo's recorded run, a static file in the build, for the replay
// runtime to fetch when it is actually used. Transcripts run to 80 KB, and embedding them in the
// page made every reader pay for them; the demo's other files stay embedded (see Demo.astro).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { TRANSCRIPT_FILE } from '../../../runtimes/transcript.ts';

export const getStaticPaths = (async () => {
  const demos = await getCollection('demos');
  return demos.flatMap((demo) => {
    const transcript = demo.data.files.find((file) => file.path === TRANSCRIPT_FILE);
    return transcript ? [{ params: { id: demo.id }, props: { contents: transcript.contents } }] : [];
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ contents: string }> = ({ props }) =>
  new Response(props.contents, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
