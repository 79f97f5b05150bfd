/**
 * Code-line steps: a fence meta such as `{1|2-3|all}` highlights line 1 first, then lines 2–3
 * on the next click, then every line. Parsed at build time only: the fence's code block carries
 * the groups as JSON (data-line-groups), and remark-deck-split counts its clicks into the slide's
 * steps.
 */
export type LineGroup = 'all' | number[];

const GROUP = /^(all|\d+(-\d+)?(,\d+(-\d+)?)*)$/;
const META = /\{([^}]*\|[^}]*)\}/;

/** The `a|b|c` part of a fence meta, when it has one. */
export function lineStepsSource(meta: string | undefined): string | undefined {
  return meta ? META.exec(meta)?.[1]?.replace(/\s+/g, '') : undefined;
}

export function parseLineSteps(source: string): LineGroup[] {
  return source.split('|').map((group) => {
    if (!GROUP.test(group)) {
      throw new Error(`Code-line steps "{${source}}": "${group}" is not a line group. Fix: write groups such as {1|2-3,5|all}.`);
    }
    if (group === 'all') return 'all';
    return group.split(',').flatMap((range) => {
      const [from, to = from] = range.split('-').map(Number) as [number, number?];
      return Array.from({ length: to - from + 1 }, (_, index) => from + index);
    });
  });
}
