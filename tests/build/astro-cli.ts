import { execFile, spawn, type ChildProcess } from 'node:child_process';

const ASTRO = 'node_modules/astro/bin/astro.mjs';

/**
 * The environment of a shell, not of vitest: vitest's NODE_ENV=test and VITEST flags change how
 * Astro builds and serves.
 */
export function shellEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'),
  );
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
}

/** Runs an Astro CLI command to completion in `cwd`, on the Node running the tests. */
export function runAstro(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ASTRO, ...args], { cwd, timeout: 110_000, env: shellEnvironment() }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

/** Starts a long-running Astro command (dev, preview), keeping what it prints; the caller kills it. */
export function startAstro(args: string[]): { process: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [ASTRO, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: shellEnvironment() });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { process: child, output: () => output };
}
