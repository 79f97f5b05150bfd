import { describe, expect, it } from 'vitest';
import { lineStepsSource, parseLineSteps } from './line-steps.ts';

describe('code-line steps', () => {
  it('finds the stepped group list in a fence meta, ignoring plain highlights', () => {
    expect(lineStepsSource('{1|2-3|all} title="x"')).toBe('1|2-3|all');
    expect(lineStepsSource('{1,3}')).toBeUndefined();
    expect(lineStepsSource(undefined)).toBeUndefined();
  });

  it('expands ranges and keeps "all"', () => {
    expect(parseLineSteps('1|2-4,7|all')).toEqual([[1], [2, 3, 4, 7], 'all']);
  });

  it('names the bad group and the fix', () => {
    expect(() => parseLineSteps('1|two|all')).toThrow('Code-line steps "{1|two|all}": "two" is not a line group');
  });
});
