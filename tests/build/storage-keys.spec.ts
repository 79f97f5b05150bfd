// The names the site keeps things under in the reader's browser are written once, in
// src/shared/storage-keys.ts; the code names them as STORAGE_KEYS.<name>.
import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS } from '../../src/shared/storage-keys.ts';
import { sourceFiles as sources } from './source-files.ts';

const REGISTRY = 'shared/storage-keys.ts';

describe('the storage-key registry', () => {
  it('gives every name once', () => {
    const names = Object.values(STORAGE_KEYS);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is the only place a stored name is written', () => {
    // A string that starts as the site's names do. Plugin and loader names (`name: '…'`) and the
    // local runner's HTTP names (its meta element, header and temporary folders) are not kept in
    // the browser, so they are not storage keys.
    const written = sources()
      .filter(({ path }) => path !== REGISTRY && !path.startsWith('runner/') && path !== 'shared/runner-protocol.ts')
      .flatMap(({ path, text }) =>
        [...text.matchAll(/(name:\s*)?(['"`])async-talk[:-][^'"`]*\2/g)].filter(([, pluginName]) => !pluginName).map(([literal]) => `${path}: ${literal}`),
      );
    expect(written).toEqual([]);
  });

  it('has no name the code never uses', () => {
    const all = sources()
      .filter(({ path }) => path !== REGISTRY)
      .map(({ text }) => text)
      .join('\n');
    const unused = Object.keys(STORAGE_KEYS).filter((name) => !new RegExp(`STORAGE_KEYS\\.${name}\\b`).test(all));
    expect(unused).toEqual([]);
  });
});
