import { describe, expect, it } from 'vitest';
import { citedSourceIds } from './cited-sources.ts';

describe('citedSourceIds', () => {
  it('lists cited ids once each, in order of first use', () => {
    const mdx = 'A <Cite id="b" />. B <Cite id="a"/> and <Cite  id=\'b\' />.';
    expect(citedSourceIds(mdx)).toEqual(['b', 'a']);
  });
});
