import { appendFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAstro } from './astro-cli.ts';

/**
 * Authors' mistakes must stop the build with a message that names the file and what to fix.
 * Each case copies the project, breaks one thing, and runs the real Astro CLI on the copy.
 */
const PROJECT_FILES = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'content', 'demos', 'public'];
let copy: string | undefined;

async function projectCopy(): Promise<string> {
  copy = await mkdtemp(join(tmpdir(), 'async-talk-'));
  for (const name of PROJECT_FILES) await cp(name, join(copy, name), { recursive: true });
  await symlink(join(process.cwd(), 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

afterEach(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
  copy = undefined;
});

describe('bad input fails the build and says where', () => {
  it('a chapter with invalid frontmatter names the file and the field', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-broken.mdx'),
      '---\ntitle: Broken\nsummary: A chapter whose minutes are not a number.\nminutes: lots\n---\n\nText.\n',
    );
    const { code, output } = await runAstro(dir, ['sync']);
    expect(code).not.toBe(0);
    expect(output).toContain('content/chapters/98-broken.mdx');
    expect(output).toMatch(/minutes/);
  });

  it('a demo folder with a malformed "demo" key names the folder', async () => {
    const dir = await projectCopy();
    await cp(join(dir, 'demos/many-clients'), join(dir, 'demos/broken-demo'), { recursive: true });
    await writeFile(
      join(dir, 'demos/broken-demo/package.json'),
      JSON.stringify({ name: 'broken-demo', demo: { title: 'Broken', command: 'node server.js', editable: 'server.js', runtimes: ['replay'] } }),
    );
    const { code, output } = await runAstro(dir, ['sync']);
    expect(code).not.toBe(0);
    expect(output).toContain('demos/broken-demo/package.json has a malformed "demo" key: "demo.editable"');
  });

  it('a Python demo entry with a malformed field names the manifest, the program and the field', async () => {
    const dir = await projectCopy();
    await appendFile(join(dir, 'demos/python/demos.yaml'), '\ngevent_threadpool_copy.py:\n  title: Copy\n  framework: geventt\n  runtimes: [local]\n');
    await cp(join(dir, 'demos/python/gevent_threadpool.py'), join(dir, 'demos/python/gevent_threadpool_copy.py'));
    const { code, output } = await runAstro(dir, ['sync']);
    expect(code).not.toBe(0);
    expect(output).toContain('demos/python/demos.yaml, gevent_threadpool_copy.py is malformed: "framework": ');
  });

  it('a CodeFile path that does not exist names the path', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-missing-file.mdx'),
      '---\ntitle: Missing file\nsummary: Shows a file that is not there.\nminutes: 1\n---\n\n<CodeFile path="demos/python/no_such_chat.py" />\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('<CodeFile path="demos/python/no_such_chat.py">: no such file in the repository');
  });

  it('a Cite of a source that does not exist names the id and where sources live', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-missing-source.mdx'),
      '---\ntitle: Missing source\nsummary: Cites a source that is not there.\nminutes: 1\n---\n\nA claim <Cite id="no-such-source" />.\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain(
      '<Cite id="no-such-source">: there is no source "no-such-source" in content/sources/*.yaml. Fix: add it to the file of its chapter, or correct the id.',
    );
  });

  it('a Compare of a field the frameworks data does not have names the field and the ones there are', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-unknown-field.mdx'),
      '---\ntitle: Unknown field\nsummary: Compares a field that is not there.\nminutes: 1\n---\n\n<Compare fields={["colour"]} />\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toMatch(/<Compare fields>: unknown field colour\. Fix: use any of [a-zA-Z]+(, [a-zA-Z]+)+\./);
  });

  it('a Systems list of a system the frameworks data does not have names the id and where systems live', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-unknown-system.mdx'),
      '---\ntitle: Unknown system\nsummary: Lists a system that is not there.\nminutes: 1\n---\n\n<Systems ids={["tornado"]} />\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('<Systems ids>: no system "tornado" in content/frameworks.yaml. Fix: use one of its keys.');
  });

  it('a Picture that does not exist names the id and every picture there is', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-unknown-picture.mdx'),
      '---\ntitle: Unknown picture\nsummary: Shows a picture that is not there.\nminutes: 1\n---\n\n<Slide title="Nothing">\n\n<Picture id="reactor" />\n\n</Slide>\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('<Picture id="reactor">: there is no picture "reactor". Fix: use one of threads-or-loop, loop-turning,');
    expect(output).toContain('(src/content-model/pictures.ts).');
  });

  it('a CodeMorph that does not exist names the id and every morph there is', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-unknown-morph.mdx'),
      '---\ntitle: Unknown morph\nsummary: Morphs code that is not there.\nminutes: 1\n---\n\n<CodeMorph id="callbacks" />\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('<CodeMorph id="callbacks">: there is no code morph "callbacks". Fix: use one of wait-handler, inline-callbacks-to-async (src/content-model/code-morphs.ts).');
  });

  it('a system marked inactive that the timeline has no last change for names the system and where to add it', async () => {
    const dir = await projectCopy();
    const yaml = join(dir, 'content/frameworks.yaml');
    const text = await readFile(yaml, 'utf8');
    const eventlet = text.indexOf('eventlet:');
    expect(eventlet).toBeGreaterThanOrEqual(0);
    await writeFile(yaml, text.slice(0, eventlet) + text.slice(eventlet).replace(/activity: maintenance/, 'activity: inactive'));
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('<FiveSystemsTimeline>: "eventlet" is inactive, but the drawing has no year of its last change. Fix: add it to LAST_CHANGE with the chapter and source that give it.');
  });

  it('a chart whose recorded run lacks the figures it draws says which recording to make again', async () => {
    const dir = await projectCopy();
    const recording = join(dir, 'demos/python/recordings/gevent_blocking_stall.json');
    const transcript = JSON.parse(await readFile(recording, 'utf8')) as { events: { text: string }[] };
    transcript.events = transcript.events.filter(({ text }) => !text.includes('worst client delay'));
    await writeFile(recording, JSON.stringify(transcript));
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('<Picture id="stall-chart">: the recording of demos/python/gevent_blocking_stall.py has no "… worst client delay N ms" lines, or the program no "WORK = …", "TICK = …" or "CLIENTS = …" line. Fix: run `npm run demos:record -- gevent_blocking_stall`.');
  });

  it('a system summary too long to read from a slide names the system and the limit', async () => {
    const dir = await projectCopy();
    const yaml = join(dir, 'content/frameworks.yaml');
    const text = await readFile(yaml, 'utf8');
    await writeFile(yaml, text.replace(/^  summary: ".*"$/m, `  summary: "${'word '.repeat(17).trim()}"`));
    const { code, output } = await runAstro(dir, ['sync']);
    expect(code).not.toBe(0);
    expect(output).toContain('twisted');
    expect(output).toContain('a summary is read from a slide: 16 words at most');
  });

  it('a glossary term that names no chapter says which term, and what a chapter slug is', async () => {
    const dir = await projectCopy();
    await appendFile(join(dir, 'content/glossary.yaml'), '\nzz-term:\n  term: Zz\n  forms: [Zz]\n  chapter: no-such-chapter\n  definition: A term for a chapter that is not there.\n');
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain(
      'content/glossary.yaml: "zz-term", chapter: there is no chapter "no-such-chapter". Fix: use the slug of a chapter file (content/chapters/NN-slug.mdx).',
    );
  });

  it('a source id defined in two files names both files', async () => {
    const dir = await projectCopy();
    await writeFile(join(dir, 'content/sources/99-duplicate.yaml'), 'kegel-c10k:\n  label: Again\n  title: The same id twice\n  url: https://example.org/\n');
    const { code, output } = await runAstro(dir, ['sync']);
    expect(code).not.toBe(0);
    expect(output).toContain('Source "kegel-c10k" is defined in both content/sources/01-why-async.yaml and content/sources/99-duplicate.yaml');
  });

  it('a Demo whose folder does not exist names the id', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-missing-demo.mdx'),
      '---\ntitle: Missing demo\nsummary: Embeds a demo that is not there.\nminutes: 1\n---\n\n<Demo id="no-such-demo" />\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('<Demo id="no-such-demo">: there is no demo "no-such-demo": no folder demos/no-such-demo/ with a "demo" key in its package.json, and no no-such-demo.py in demos/python/demos.yaml.');
  });

  it('a RecordedRun of a demo with no recording names the id and how to record it', async () => {
    const dir = await projectCopy();
    await writeFile(
      join(dir, 'content/chapters/98-missing-run.mdx'),
      '---\ntitle: Missing run\nsummary: Shows output that was never recorded.\nminutes: 1\n---\n\n<RecordedRun id="no_such_program" />\n',
    );
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toContain(
      '<RecordedRun id="no_such_program">: there is no recorded run of "no_such_program". Fix: correct the id, or list the demo with the replay runtime and run `npm run demos:record`.',
    );
  });

  it('CSS imported by a workbench module, which no page would get, names the file and where it belongs', async () => {
    const dir = await projectCopy();
    await appendFile(join(dir, 'src/workbench/timeline-view.ts'), "\nimport '../styles/timeline.css';\n");
    const { code, output } = await runAstro(dir, ['build']);
    expect(code).not.toBe(0);
    expect(output).toMatch(/The workbench imports CSS, which would never reach the page: \S*src\/styles\/timeline\.css\. Fix: import it in src\/components\/Demo\.astro instead\./);
  });
});
