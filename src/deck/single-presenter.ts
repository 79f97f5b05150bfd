// One presenter view at a time. S opens each one with noopener (src/deck/main.ts), in a process
// of its own, which also means S cannot bring back the one already open. So a new presenter view
// says it has opened, and the older ones close themselves: the speaker is left with the newest.
// (A browser lets a script close a window that a script opened; one the speaker opened by hand
// with a history behind it stays, which is theirs to close.)

export interface SinglePresenterGlobals {
  BroadcastChannel?: (new (name: string) => {
    onmessage: ((event: MessageEvent<unknown>) => void) | null;
    postMessage(message: unknown): void;
  }) | undefined;
  close(): void;
}

const OPENED = 'presenter opened';

export function closeOlderPresenters(
  globals: SinglePresenterGlobals = { BroadcastChannel: globalThis.BroadcastChannel, close: () => window.close() },
): void {
  if (typeof globals.BroadcastChannel !== 'function') return;
  const channel = new globals.BroadcastChannel(STORAGE_KEYS.presenterChannel);
  channel.onmessage = (event) => {
    if (event.data === OPENED) globals.close();
  };
  channel.postMessage(OPENED);
}
