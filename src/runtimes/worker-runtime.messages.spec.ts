import { describe, expect, it } from 'vitest';
import { GONE_MESSAGE } from './worker-runtime.ts';

describe('the worker runtime’s messages', () => {
  it('says a demo whose process is gone was ended, the likely causes, that the page is fine, and what to do', () => {
    expect(GONE_MESSAGE).toBe(
      'The demo stopped answering and was ended: its process most likely ran out of memory, or was ' +
        'flooded with messages. This page is unharmed; press Run to start again.',
    );
  });
});
