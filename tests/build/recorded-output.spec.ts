// Every output a page shows comes from a recorded run: a chapter must show a program's output
// with <RecordedRun id="…"/>, never paste it. A fenced block whose lines are, give or take the
// figures, lines a recorded program printed is a pasted copy that will go stale.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readAllDemos } from '../../src/content-model/all-demos.ts';
import { parseTranscript } from '../../src/runtimes/transcript.ts';

/** A line with its figures, addresses and spacing taken out: runs differ in those. */
const shape = (line: string) => line.replace(/0x[0-9a-f…]+/gi, '0x').replace(/\d+(\.\d+)?/g, '#').replace(/\s+/g, ' ').trim();

async function recordedOutputs(): Promise<Map<string, Set<string>>> {
  const outputs = new Map<string, Set<string>>();
  for (const { id, demo, recordings } of await readAllDemos('demos', 'demos')) {
    if (!demo.runtimes.includes('replay')) continue;
    const lines: string[] = [];
    for (const { path } of recordings) {
      const transcript = parseTranscript(JSON.parse(await readFile(path, 'utf8')), path);
      lines.push(...transcript.events.map((event) => event.text).join('').split('\n'));
    }
    outputs.set(id, new Set(lines.filter((line) => !line.startsWith('#trace ')).map(shape).filter((line) => line.length > 3)));
  }
  return outputs;
}

/** Fenced blocks of an MDX file, with the line each starts on. */
function fencedBlocks(mdx: string): { line: number; lines: string[] }[] {
  const blocks: { line: number; lines: string[] }[] = [];
  const all = mdx.split('\n');
  for (let i = 0; i < all.length; i++) {
    if (!/^```/.test(all[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < all.length && !/^```\s*$/.test(all[i]!); i++) body.push(all[i]!);
    blocks.push({ line: start + 1, lines: body });
  }
  return blocks;
}

/** "<file>:<line> shows what <id> printed" for each block that is mostly a recording's lines. */
function pastedOutputs(file: string, mdx: string, outputs: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  for (const block of fencedBlocks(mdx)) {
    const lines = block.lines.map(shape).filter((line) => line.length > 3);
    if (lines.length < 2) continue;
    for (const [id, output] of outputs) {
      const matching = lines.filter((line) => output.has(line)).length;
      if (matching >= 2 && matching * 2 >= lines.length) found.push(`${file}:${block.line} shows what ${id} printed: use <RecordedRun id="${id}" />`);
    }
  }
  return found;
}

const outputs = await recordedOutputs();

describe('program output in the chapters', () => {
  it('is never pasted: it comes from the recordings, through <RecordedRun>', async () => {
    const found: string[] = [];
    for (const name of (await readdir('content/chapters')).filter((file) => file.endsWith('.mdx')).sort()) {
      found.push(...pastedOutputs(`content/chapters/${name}`, await readFile(`content/chapters/${name}`, 'utf8'), outputs));
    }
    expect(found).toEqual([]);
  });

  it('is caught when pasted, with other figures than the recording', () => {
    const pasted = [
      '```text',
      'cpu loop, never yields           worst client delay  190.2 ms',
      'cpu loop + gevent.sleep(0)       worst client delay   44.3 ms',
      'cpu loop + gevent.idle()         worst client delay    1.5 ms',
      '```',
    ].join('\n');
    expect(pastedOutputs('chapter.mdx', `Some prose.\n\n${pasted}\n`, outputs)).toEqual([
      'chapter.mdx:3 shows what gevent_blocking_stall printed: use <RecordedRun id="gevent_blocking_stall" />',
    ]);
  });
});
