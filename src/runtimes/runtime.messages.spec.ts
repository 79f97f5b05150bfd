import { describe, expect, it } from 'vitest';
import { parseCommand } from './runtime.ts';

describe('parseCommand', () => {
  it('splits a node or python3 command into interpreter, entry file and arguments', () => {
    expect(parseCommand('node ./main.js stall')).toEqual({ interpreter: 'node', entry: 'main.js', args: ['stall'] });
    expect(parseCommand('python3 stall.py')).toEqual({ interpreter: 'python3', entry: 'stall.py', args: [] });
  });

  it('refuses a command with another interpreter, quoting it and saying which two forms run', () => {
    expect(() => parseCommand('deno main.js')).toThrow(
      new Error('The command "deno main.js" cannot be run: it must be "node <file> [args…]" or "python3 <file> [args…]".'),
    );
  });

  it('refuses an interpreter without a file to run, with the same sentence', () => {
    expect(() => parseCommand('node')).toThrow(
      new Error('The command "node" cannot be run: it must be "node <file> [args…]" or "python3 <file> [args…]".'),
    );
  });
});
