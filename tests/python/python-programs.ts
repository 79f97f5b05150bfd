import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { LISTENING } from '../../src/shared/run-environment.ts';

/** Debian's Python, which has python3-gevent, -eventlet and -twisted (the pyenv one first on PATH does not). */
export const PYTHON = process.env['PYTHON'] ?? '/usr/bin/python3';

export interface RunningServer {
  port: number;
  process: ChildProcess;
  stop(): void;
}

/**
 * Starts demos/python/<file> on a free port (PORT=0) and resolves once it prints
 * "listening on port N". Fails with the program's own output if it exits or stays silent.
 */
export function startPythonServer(file: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(PYTHON, ['-u', `demos/python/${file}`], env);
}

/** The same for any server program that takes PORT=0 and prints "listening on port N". */
export function startServer(command: string, args: string[], env: Record<string, string> = {}): Promise<RunningServer> {
  const file = args.at(-1) ?? command;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => fail(`no "listening on port" within 15 s`), 15_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${file}: ${why}\n${output}`));
    };
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => fail(`exited with ${code}`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      const match = LISTENING.exec(line);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ port: Number(match[1]), process: child, stop: () => child.kill('SIGKILL') });
    });
  });
}

/**
 * Runs demos/python/<file> to completion with Debian's Python and returns its output. Fails with
 * the program's output if it exits non-zero or runs past the timeout.
 */
export function runPythonScript(
  file: string,
  { args = [], env = {}, timeoutMs = 30_000 }: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-u', `demos/python/${file}`, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${file} ${signal ? `was killed (${signal}) after ${timeoutMs} ms` : `exited with ${code}`}\n${stdout}\n${stderr}`));
    });
  });
}

/** How many threads a process has right now, from /proc. */
export async function threadCount(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/task`)).length;
}

/** Splits "  301 ms  message" lines into their time and message. */
export function timeline(stdout: string): { ms: number; message: string }[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const match = /^\s*(\d+) ms {2}(.*)$/.exec(line);
      if (!match) throw new Error(`not a "N ms  message" line: ${line}`);
      return { ms: Number(match[1]), message: match[2]! };
    });
}
