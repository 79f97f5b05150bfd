import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests sit next to the code (src/**/*.spec.ts); tests/ holds the slower layers that
    // run real programs: demos in real Node, and the build's own error messages.
    include: ['src/**/*.spec.ts', 'tests/demos/**/*.spec.ts', 'tests/python/**/*.spec.ts', 'tests/protocol/**/*.spec.ts', 'tests/build/**/*.spec.ts'],
    testTimeout: 120_000,
  },
});
