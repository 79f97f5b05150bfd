// Which interpreter runs a demo outside the browser, and what it says about itself. Python is
// Debian's /usr/bin/python3 unless $PYTHON says otherwise: the python3 first on PATH may be
// another build without the frameworks (a pyenv one, on this project's machines).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Interpreter } from '../src/runtimes/runtime.ts';
import { frameworkOf, type PythonNeed } from '../src/shared/python-frameworks.ts';

const run = promisify(execFile);

export const DEBIAN_PYTHON = '/usr/bin/python3';

export function interpreterFor(interpreter: Interpreter): string {
  return interpreter === 'node' ? process.execPath : (process.env['PYTHON'] ?? DEBIAN_PYTHON);
}

/** What a recording says it was made with: "v24.9.0", or "Python 3.11.2" and "gevent 22.10.2". */
export async function versionsOf(interpreter: Interpreter, program: string, need: PythonNeed | undefined): Promise<{ recordedWith: string; framework?: string }> {
  if (interpreter === 'node') return { recordedWith: process.version };
  const framework = frameworkOf(need);
  const script = ['import sys', 'print(sys.version.split()[0])', ...(framework ? [`import ${framework.module}`, `print(${framework.module}.__version__)`] : [])].join('; ');
  const { stdout } = await run(program, ['-c', script]);
  const [python, version] = stdout.trim().split('\n');
  return { recordedWith: `Python ${python}`, ...(framework && { framework: `${framework.module} ${version}` }) };
}
