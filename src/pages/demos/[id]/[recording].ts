// /demos/<id>/replay.json (and replay-blocking.json for a variant): each demo's recorded runs,
// static files of the build, for the replay runtime to fetch when it is actually used.
// Transcripts run to 80 KB, and embedding them in the page made every reader pay for them; the
// demo's other files stay embedded (see Demo.astro).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { isRecordingFile } from '../../../runtimes/transcript.ts';

export const getStaticPaths = (async () => {
  const demos = await getCollection('demos');
  return demos.flatMap((demo) =>
    demo.data.files.filter((file) => isRecordingFile(file.path)).map((file) => ({ params: { id: demo.id, recording: file.path }, props: { contents: file.contents } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ contents: string }> = ({ props }) =>
  new Response(props.contents, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
