import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a demo's entry file in real Node (the one running the tests) and returns its stdout. */
export async function runDemo(id: string, file: string, args: string[] = []): Promise<string> {
  const { stdout } = await run(process.execPath, [file, ...args], { cwd: `demos/${id}`, timeout: 60_000 });
  return stdout;
}

/** Reads "label 123 ms" figures out of a demo's output. */
export function millis(output: string, label: string): number {
  const match = new RegExp(`${label} (\\d+) ms`).exec(output);
  if (!match) throw new Error(`no "${label} N ms" in output:\n${output}`);
  return Number(match[1]);
}
