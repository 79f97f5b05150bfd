// Which python3 runs a program: the first of the candidates (the python3 on PATH, then Debian's
// /usr/bin/python3, unless $PYTHON names one) that has what the program needs. The python3 first on PATH is often another
// build (pyenv, a virtualenv) without gevent, Eventlet or Twisted; looking further finds the
// system's. Each answer is kept for the runner's life: a check costs an interpreter start.
import { execFile } from 'node:child_process';
import { frameworkOf, missingFrameworkMessage, type PythonNeed } from '../shared/python-frameworks.ts';

export type PythonChoice = { ok: true; program: string } | { ok: false; message: string };

const works = (program: string, script: string, env: Record<string, string>) =>
  new Promise<'yes' | 'no' | 'absent'>((resolve) => {
    execFile(program, ['-c', script], { env, timeout: 10_000 }, (error) => {
      if (!error) resolve('yes');
      else resolve((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'no');
    });
  });

export function pythonFinder(candidates: readonly string[], env: Record<string, string>) {
  const unique = [...new Set(candidates.filter(Boolean))];
  const known = new Map<PythonNeed, Promise<PythonChoice>>();
  const find = async (need: PythonNeed): Promise<PythonChoice> => {
    const framework = frameworkOf(need);
    const script = framework ? `import ${framework.module}` : 'import sys';
    const found: string[] = [];
    for (const program of unique) {
      const answer = await works(program, script, env);
      if (answer === 'yes') return { ok: true, program };
      if (answer === 'no') found.push(program);
    }
    if (found.length === 0) {
      return { ok: false, message: 'python3 is not installed on this computer. Install it with `sudo apt install python3` (Debian, Ubuntu) or from python.org.' };
    }
    return { ok: false, message: missingFrameworkMessage(framework!, found[0]!) };
  };
  return (need: PythonNeed = 'stdlib'): Promise<PythonChoice> => {
    let choice = known.get(need);
    if (!choice) {
      choice = find(need);
      known.set(need, choice);
      // A missing framework may be installed while the runner runs: ask again next time.
      void choice.then((answer) => answer.ok || known.delete(need));
    }
    return choice;
  };
}
