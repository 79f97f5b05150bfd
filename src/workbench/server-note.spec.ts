import { describe, expect, it } from 'vitest';
import type { Runtime, RuntimeId } from '../runtimes/index.ts';
import { serverNote } from './server-note.ts';

const runtime = (id: RuntimeId) => ({ id }) as Runtime;
const server = { port: 8000 };
const bootTimedOut = [{ id: 'webcontainer' as const, why: 'it failed to start (it did not answer within 20 s)' }];

describe('serverNote', () => {
  it('says nothing for a program that is not a server, or for a server WebContainer runs live', () => {
    expect(serverNote({}, { runtime: runtime('replay'), skipped: bootTimedOut })).toBe('');
    expect(serverNote(server, { runtime: runtime('webcontainer'), skipped: [] })).toBe('');
  });

  it('on replay, says no server is running, what the terminal shows, and that the preview needs WebContainer', () => {
    const note = serverNote(server, { runtime: runtime('replay'), skipped: bootTimedOut });
    expect(note).toBe(
      ' This demo is a server, and no server is running here: the terminal plays back a recorded session with the real server, ' +
        'driven by a scripted client whose lines start with [client]. The live preview needs WebContainer.',
    );
    // The same when the reader forced replay and WebContainer was never tried.
    expect(serverNote(server, { runtime: runtime('replay'), skipped: [] })).toBe(note);
  });

  it('in a Web Worker, says only WebContainer can serve, and why it did not, without inventing a reason', () => {
    expect(serverNote(server, { runtime: runtime('worker'), skipped: bootTimedOut })).toBe(
      ' This demo is a server: only WebContainer can run one and show it in a preview, and it failed to start (it did not answer within 20 s).',
    );
    expect(serverNote(server, { runtime: runtime('worker'), skipped: [] })).toMatch(/and WebContainer was not tried\.$/);
  });
});
