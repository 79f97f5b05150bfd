import { describe, expect, it } from 'vitest';
import { ReplayRuntime, transcriptFromUrl } from './replay-runtime.ts';
import type { DemoToRun } from './runtime.ts';

const linked: DemoToRun = {
  id: 'demo',
  command: 'node main.js',
  files: [{ path: 'main.js', contents: "console.log('a')" }],
  transcriptUrl: '/demos/demo/replay.json',
};
// A host that answers the recording's address with a page instead (an SPA fallback, a login wall).
const htmlInstead = () => Promise.resolve(new Response('<!doctype html><title>Welcome</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));

describe('a recorded run fetched on demand that is not JSON', () => {
  it('is refused, naming the address it came from', async () => {
    await expect(transcriptFromUrl(htmlInstead)(linked)).rejects.toThrow(new Error('the recorded run (/demos/demo/replay.json) is not valid JSON'));
  });

  it('tells the reader in the terminal that it cannot be replayed, and why', async () => {
    const output: string[] = [];
    const runtime = new ReplayRuntime({ loadTranscript: transcriptFromUrl(htmlInstead) });
    const message = 'Cannot replay: the recorded run (/demos/demo/replay.json) is not valid JSON';
    expect(await runtime.run(linked, { sink: { write: (text) => void output.push(text) } }).exited).toEqual({ code: null, reason: 'error', message });
    expect(output.join('')).toBe(`${message}\n`);
  });
});
