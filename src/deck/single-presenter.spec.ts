import { describe, expect, it } from 'vitest';
import { closeOlderPresenters, type SinglePresenterGlobals } from './single-presenter.ts';

/** A BroadcastChannel of one name among several windows, as the browser delivers it: to the others. */
function channels() {
  const open: { name: string; onmessage: ((event: MessageEvent<unknown>) => void) | null }[] = [];
  const names: string[] = [];
  class Channel {
    onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
    constructor(readonly name: string) {
      open.push(this);
      names.push(name);
    }
    postMessage(data: unknown) {
      for (const other of open) if (other !== this && other.name === this.name) other.onmessage?.({ data } as MessageEvent<unknown>);
    }
  }
  return { Channel: Channel as unknown as SinglePresenterGlobals['BroadcastChannel'], names };
}

describe('closeOlderPresenters', () => {
  it('closes every older presenter view when a new one opens, and not the new one', () => {
    const { Channel, names } = channels();
    const closed: string[] = [];
    closeOlderPresenters({ BroadcastChannel: Channel, close: () => closed.push('first') });
    closeOlderPresenters({ BroadcastChannel: Channel, close: () => closed.push('second') });
    expect(closed).toEqual(['first']);
    closeOlderPresenters({ BroadcastChannel: Channel, close: () => closed.push('third') });
    expect(closed).toEqual(['first', 'first', 'second']);
    expect(new Set(names)).toEqual(new Set(['async-talk:presenter']));
  });

  it('does nothing where there is no BroadcastChannel', () => {
    expect(() => closeOlderPresenters({ close: () => undefined })).not.toThrow();
  });
});
