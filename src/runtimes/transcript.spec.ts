import { describe, expect, it } from 'vitest';
import { filesDigest, parseTranscript, TranscriptError } from './transcript.ts';

describe('filesDigest', () => {
  it('ignores order and the transcript itself, but not paths or contents', async () => {
    const a = { path: 'a.js', contents: '1' };
    const b = { path: 'b.js', contents: '2' };
    const digest = await filesDigest([a, b]);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await filesDigest([b, a, { path: 'replay.json', contents: '{}' }])).toBe(digest);
    expect(await filesDigest([a, { ...b, contents: '3' }])).not.toBe(digest);
    expect(await filesDigest([a, { ...b, path: 'c.js' }])).not.toBe(digest);
  });
});

describe('parseTranscript', () => {
  const good = {
    recordedWith: 'v24.9.0',
    recordedAt: '2026-11-26T14:00:00.000Z',
    command: 'node main.js',
    filesDigest: 'a'.repeat(64),
    events: [{ at: 0, text: 'x' }, { at: 5, text: 'y' }],
    exitCode: 0,
  };

  it('accepts a well-formed transcript', () => {
    expect(parseTranscript(good, 'r.json')).toEqual(good);
  });

  it('names the file, the field and the fix', () => {
    expect(() => parseTranscript({ ...good, events: [{ at: 5, text: 'y' }, { at: 1, text: 'x' }] }, 'demos/x/replay.json')).toThrow(
      new TranscriptError('demos/x/replay.json: "events[1].at" must be a number of ms, not before the previous event. Fix: run `npm run demos:record` to record it again.'),
    );
    expect(() => parseTranscript({ ...good, filesDigest: 'nope' }, 'r.json')).toThrow('"filesDigest" must be a sha256 in hex');
    expect(() => parseTranscript({ ...good, exitCode: 'zero' }, 'r.json')).toThrow('"exitCode" must be an integer or null');
  });
});
