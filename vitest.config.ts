import { defineConfig } from 'vitest/config';
import { storageKeyDefines } from './src/shared/storage-keys.ts';

/**
 * Tests that time real programs (how long a stalled loop holds its clients, how fast a send
 * wakes every waiter) measure the machine as much as the code when other test files run beside
 * them. They run in a second group, one file at a time, after everything else has finished.
 */
const timed = ['tests/demos/**/*.spec.ts', 'tests/python/**/*.spec.ts', 'tests/protocol/**/*.spec.ts', 'tests/runner/**/*.spec.ts'];

export default defineConfig({
  // As in the build: each STORAGE_KEYS.<name> becomes its string (src/shared/storage-keys.ts).
  define: storageKeyDefines(),
  test: {
    testTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Unit tests sit next to the code; tests/build runs the real Astro CLI on broken copies.
          include: ['src/**/*.spec.ts', 'tests/build/**/*.spec.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'programs',
          // Real programs: demos in real Node, Python on Debian's python3, the chat protocol suite,
          // the local runner.
          include: timed,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
