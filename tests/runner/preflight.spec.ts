// npm run preflight, which a speaker runs before a talk: it says what runs live and what would
// replay, and why.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../python/python-programs.ts';

function preflight(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/preflight.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm run preflight', () => {
  it('reports each demo live, a server once it listens', async () => {
    const { code, output } = await preflight(['gevent_sleep0', 'comet-chat'], { PYTHON });
    expect(output).toMatch(/^ {2}live {4}comet-chat +node server\.js +[\d.]+ s {2}listens$/m);
    expect(output).toMatch(/^ {2}live {4}gevent_sleep0 +python3 gevent_sleep0\.py +[\d.]+ s {2}exit code 0$/m);
    expect(output).toContain('\nEvery demo runs live here.\n');
    expect(code).toBe(0);
  });

  it('names what is missing, says the demo will replay, and fails', async () => {
    const { code, output } = await preflight(['gevent_sleep0'], { PYTHON: '/nowhere/python3' });
    expect(output).toMatch(
      /^ {2}REPLAY {2}gevent_sleep0 +python3 gevent_sleep0\.py +[\d.]+ s {2}: python3 is not installed on this computer\. Install it with `sudo apt install python3` \(Debian, Ubuntu\) or from python\.org\.$/m,
    );
    expect(output).toContain('\n1 demo(s) cannot run live here, and will replay their recordings on stage.\n');
    expect(code).toBe(1);
  });
});
