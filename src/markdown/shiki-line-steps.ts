import type { ShikiTransformer } from 'shiki';
import { lineStepsSource, parseLineSteps } from '../shared/line-steps.ts';

/**
 * Marks a fence with `{1|2-3|all}` in its meta so the deck can step through its lines. The book
 * and print ignore the mark and show every line plainly.
 */
export function transformerLineSteps(): ShikiTransformer {
  return {
    name: 'async-talk:line-steps',
    pre(node) {
      const source = lineStepsSource(this.options.meta?.__raw);
      if (!source) return;
      // Parsed here, once (a malformed group fails the build); the deck reads the groups as JSON.
      node.properties['data-line-groups'] = JSON.stringify(parseLineSteps(source));
    },
  };
}
