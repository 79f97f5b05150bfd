// What each Python demo needs installed besides Python itself, and how to install it. The demo
// manifest (demos/python/demos.yaml) names one of these; the local runner checks for it before a
// run and, if it is missing, says what to install; the recorder stores its version.

export interface PythonFramework {
  /** What `import` must find. */
  module: string;
  /** Debian's package, which the tests and the recordings use. */
  debian: string;
  /** The same from PyPI. */
  pip: string;
}

export const PYTHON_FRAMEWORKS = {
  gevent: { module: 'gevent', debian: 'python3-gevent', pip: 'gevent' },
  eventlet: { module: 'eventlet', debian: 'python3-eventlet', pip: 'eventlet' },
  twisted: { module: 'twisted', debian: 'python3-twisted', pip: 'twisted' },
  greenlet: { module: 'greenlet', debian: 'python3-greenlet', pip: 'greenlet' },
} as const satisfies Record<string, PythonFramework>;

/** A framework above, or a program that needs only the standard library (asyncio, select, threads). */
export const PYTHON_NEEDS = [...(Object.keys(PYTHON_FRAMEWORKS) as (keyof typeof PYTHON_FRAMEWORKS)[]), 'stdlib'] as const;
export type PythonNeed = (typeof PYTHON_NEEDS)[number];

export const frameworkOf = (need: PythonNeed | undefined): PythonFramework | undefined =>
  need && need !== 'stdlib' ? PYTHON_FRAMEWORKS[need] : undefined;

/** The sentence a reader meets when a framework is missing: what, and how to install it. */
export function missingFrameworkMessage(framework: PythonFramework, python: string): string {
  return (
    `${framework.module} is not installed for ${python}. ` +
    `Install it with \`sudo apt install ${framework.debian}\` (Debian, Ubuntu) or \`${python} -m pip install ${framework.pip}\`.`
  );
}
