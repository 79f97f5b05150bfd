import type { Deck } from './deck.ts';
import type { DeckState } from './state.ts';

type Message = { kind: 'hello'; from: string } | { kind: 'state'; from: string; state: DeckState };

/** The part of a BroadcastChannel the sync uses. */
interface Channel {
  onmessage: ((event: MessageEvent<Message>) => void) | null;
  postMessage(message: Message): void;
  close(): void;
}

/**
 * The browser parts the window sync reads. The page passes nothing (the real ones); a test, a
 * stand-in channel. Without BroadcastChannel (old browsers) each window simply stands alone.
 */
export interface WindowSyncGlobals {
  BroadcastChannel?: new (name: string) => Channel;
}

/**
 * Keeps every window of the deck (audience screens and the presenter view) on the same position
 * over BroadcastChannel: same origin, no server, works offline. A window that (re)loads says
 * hello and the others answer with where the talk is.
 */
export function bindWindowSync(
  deck: Deck,
  channelName = 'async-talk:deck',
  { BroadcastChannel }: WindowSyncGlobals = globalThis,
): () => void {
  if (!BroadcastChannel) return () => undefined;
  const channel = new BroadcastChannel(channelName);
  const me = Math.random().toString(36).slice(2);
  const post = (message: Message) => channel.postMessage(message);
  channel.onmessage = ({ data }) => {
    if (data.from === me) return;
    if (data.kind === 'hello') post({ kind: 'state', from: me, state: deck.state });
    else deck.set(data.state, 'remote');
  };
  const unsubscribe = deck.subscribe((state, _previous, source) => {
    if (source !== 'remote') post({ kind: 'state', from: me, state });
  });
  post({ kind: 'hello', from: me });
  return () => {
    unsubscribe();
    channel.close();
  };
}
