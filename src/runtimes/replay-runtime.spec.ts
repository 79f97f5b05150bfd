import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EDITED_MESSAGE, EDITED_REASON, ReplayRuntime, transcriptFromFiles, transcriptFromUrl } from './replay-runtime.ts';
import type { DemoToRun } from './runtime.ts';
import { filesDigest, isRecordingFile, type Transcript } from './transcript.ts';

const files = [
  { path: 'main.js', contents: "console.log('a')" },
  { path: 'package.json', contents: '{}' },
];
const demo: DemoToRun = { id: 'demo', command: 'node main.js', files };

async function transcript(overrides: Partial<Transcript> = {}): Promise<Transcript> {
  return {
    recordedWith: 'v24.9.0',
    recordedAt: '2026-11-26T14:00:00.000Z',
    command: 'node main.js',
    filesDigest: await filesDigest(files),
    events: [
      { at: 0, text: 'first\n' },
      { at: 100, text: 'second\n' },
      { at: 300, text: 'third\n' },
    ],
    exitCode: 0,
    ...overrides,
  };
}

// The real digest of these files, computed once outside fake timers, then answered at once.
let realDigest = '';
const digest = async (all: readonly { path: string; contents: string }[]) => {
  const of = all.filter((file) => !isRecordingFile(file.path));
  return of.every((file, i) => file.contents === files[i]?.contents) && of.length === files.length ? realDigest : 'edited';
};

const collect = () => {
  const output: string[] = [];
  return { output, sink: { write: (text: string) => void output.push(text) }, text: () => output.join('') };
};

describe('ReplayRuntime', () => {
  beforeEach(async () => {
    realDigest = await filesDigest(files);
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('plays the transcript with its original timing and exits with the recorded code', async () => {
    const recorded = await transcript({ exitCode: 3 });
    const runtime = new ReplayRuntime({ loadTranscript: async () => recorded, digest });
    const { sink, text } = collect();
    const handle = runtime.run(demo, { sink });
    await vi.advanceTimersByTimeAsync(20);
    expect(text()).toBe('first\n');
    await vi.advanceTimersByTimeAsync(100);
    expect(text()).toBe('first\nsecond\n');
    await vi.advanceTimersByTimeAsync(200);
    expect(await handle.exited).toEqual({ code: 3, reason: 'exit' });
    expect(text()).toBe('first\nsecond\nthird\n');
  });

  it('plays faster when asked', async () => {
    const recorded = await transcript();
    const { sink, text } = collect();
    const handle = new ReplayRuntime({ loadTranscript: async () => recorded, speed: 10, digest }).run(demo, { sink });
    await vi.advanceTimersByTimeAsync(40);
    expect(await handle.exited).toEqual({ code: 0, reason: 'exit' });
    expect(text()).toBe('first\nsecond\nthird\n');
  });

  it('stops at once and writes nothing more', async () => {
    const recorded = await transcript();
    const { sink, text } = collect();
    const controller = new AbortController();
    const handle = new ReplayRuntime({ loadTranscript: async () => recorded, digest }).run(demo, { sink, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(150);
    controller.abort();
    expect(await handle.exited).toEqual({ code: null, reason: 'stopped' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(text()).toBe('first\nsecond\n');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses edited code with a clear message', async () => {
    const recorded = await transcript();
    const runtime = new ReplayRuntime({ loadTranscript: async () => recorded, digest });
    const edited = { ...demo, files: [{ path: 'main.js', contents: "console.log('b')" }, files[1]!] };
    const { sink, text } = collect();
    const handle = runtime.run(edited, { sink });
    expect(await handle.exited).toEqual({ code: null, reason: 'error', message: EDITED_REASON });
    expect(text()).toBe(`${EDITED_MESSAGE}\n`);
    expect(EDITED_MESSAGE).toMatch(/^Replay can only show the recorded run of the original code/);
    expect(await runtime.available(edited)).toEqual({ ok: false, why: EDITED_REASON });
    expect(await runtime.available(demo)).toEqual({ ok: true, why: 'a recorded run of this exact code exists' });
  });

  it('tells how to run an edit that only replay could show on this page: npm run present', async () => {
    const recorded = await transcript();
    const runtime = new ReplayRuntime({ loadTranscript: async () => recorded, digest });
    const edited = { ...demo, runtimes: ['local', 'replay'] as const, files: [{ path: 'main.js', contents: "console.log('b')" }, files[1]!] };
    const { sink, text } = collect();
    expect(await runtime.run(edited, { sink }).exited).toEqual({ code: null, reason: 'error', message: EDITED_REASON });
    expect(text()).toBe(
      'Replay can only show the recorded run of the original code, and these files have been edited. Reset the demo to replay it, ' +
        'or run your version on your own computer: `npm run present` serves this page with the local runner, which runs it for real.\n',
    );
  });

  it('says when there is no transcript, and how to make one', async () => {
    const runtime = new ReplayRuntime({ loadTranscript: async () => undefined, digest });
    const { sink } = collect();
    const exit = await runtime.run(demo, { sink }).exited;
    expect(exit.message).toBe('Cannot replay: there is no recorded run of `node main.js` (demos/demo/replay.json); run `npm run demos:record`.');
  });

  it("plays a variant's own recording, and names it when there is none", async () => {
    const variant = { ...demo, command: 'node main.js --blocking' };
    const recorded = { ...(await transcript()), command: variant.command, events: [{ at: 0, text: 'blocking\n' }] };
    const withRecording = { ...variant, files: [...files, { path: 'replay-blocking.json', contents: JSON.stringify(recorded) }] };
    const { sink, text } = collect();
    expect(await new ReplayRuntime({ digest }).run(withRecording, { sink }).exited).toEqual({ code: 0, reason: 'exit' });
    expect(text()).toBe('blocking\n');
    const exit = await new ReplayRuntime({ digest }).run(variant, { sink: collect().sink }).exited;
    expect(exit.message).toBe('Cannot replay: there is no recorded run of `node main.js --blocking` (demos/demo/replay-blocking.json); run `npm run demos:record`.');
  });

  it('reads replay.json from the demo files, which the digest leaves out', async () => {
    const recorded = await transcript();
    const withTranscript = { ...demo, files: [...files, { path: 'replay.json', contents: JSON.stringify(recorded) }] };
    expect(await transcriptFromFiles(withTranscript)).toEqual(recorded);
    expect(await new ReplayRuntime().available(withTranscript)).toEqual({ ok: true, why: 'a recorded run of this exact code exists' });
  });
});

describe('a transcript fetched on demand (pages link it rather than embed it)', () => {
  const linked: DemoToRun = { ...demo, transcriptUrl: '/demos/demo/replay.json' };
  const answer = (body: string, init?: ResponseInit) => Promise.resolve(new Response(body, init));

  it('is fetched when the replay runtime is first asked, once, and then plays', async () => {
    const recorded = await transcript();
    const fetcher = vi.fn(() => answer(JSON.stringify(recorded), { headers: { 'Content-Type': 'application/json' } }));
    const runtime = new ReplayRuntime({ loadTranscript: transcriptFromUrl(fetcher), speed: 1000 });
    // Choosing a runtime costs no request: the file is fetched when the replay runs.
    expect(await runtime.available(linked)).toEqual({ ok: true, why: 'a recorded run of this demo is published with this page' });
    expect(fetcher).not.toHaveBeenCalled();
    for (let run = 0; run < 2; run++) {
      const { sink, text } = collect();
      expect(await runtime.run(linked, { sink }).exited).toEqual({ code: 0, reason: 'exit' });
      expect(text()).toBe('first\nsecond\nthird\n');
    }
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(fetcher).toHaveBeenCalledWith('/demos/demo/replay.json');
  });

  it('says clearly in the output when the file is missing, so the fallback policy moves on', async () => {
    const runtime = new ReplayRuntime({ loadTranscript: transcriptFromUrl(() => answer('Not found', { status: 404, statusText: 'Not Found' })) });
    const message = 'Cannot replay: the recorded run (/demos/demo/replay.json) could not be fetched: the server answered 404 Not Found';
    const { sink, text } = collect();
    expect(await runtime.run(linked, { sink }).exited).toEqual({ code: null, reason: 'error', message });
    expect(text()).toBe(`${message}\n`);
  });

  it('tries again on the next run after a network failure', async () => {
    const recorded = await transcript();
    const fetcher = vi
      .fn<typeof fetch>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockImplementation(() => answer(JSON.stringify(recorded)));
    const runtime = new ReplayRuntime({ loadTranscript: transcriptFromUrl(fetcher), speed: 1000 });
    const first = collect();
    expect(await runtime.run(linked, { sink: first.sink }).exited).toMatchObject({ reason: 'error' });
    expect(first.text()).toBe('Cannot replay: the recorded run (/demos/demo/replay.json) could not be fetched: Failed to fetch\n');
    const second = collect();
    expect(await runtime.run(linked, { sink: second.sink }).exited).toEqual({ code: 0, reason: 'exit' });
    expect(second.text()).toBe('first\nsecond\nthird\n');
  });

  it('refuses edited code once the transcript has arrived', async () => {
    const recorded = await transcript();
    const runtime = new ReplayRuntime({ loadTranscript: transcriptFromUrl(() => answer(JSON.stringify(recorded))) });
    const edited = { ...linked, files: [{ path: 'main.js', contents: "console.log('b')" }, files[1]!] };
    const { sink, text } = collect();
    expect(await runtime.run(edited, { sink }).exited).toEqual({ code: null, reason: 'error', message: EDITED_REASON });
    expect(text()).toBe(`${EDITED_MESSAGE}\n`);
  });

  it('means there is no recorded run when the page links none', async () => {
    const fetcher = vi.fn<typeof fetch>();
    expect(await transcriptFromUrl(fetcher)(demo)).toBeUndefined();
    expect(fetcher).not.toHaveBeenCalled();
  });
});
