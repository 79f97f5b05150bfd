import type { Deck } from './deck.ts';
import { parseDeckState, type DeckState } from './state.ts';

type Message = { kind: 'hello'; from: string } | { kind: 'state'; from: string; state: DeckState };

/** A message of the deck's channel, or undefined: anything else posted there is ignored. */
export function parseDeckMessage(data: unknown): Message | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, from, state } = data as Record<string, unknown>;
  if (typeof from !== 'string' || from.length > 64) return undefined;
  if (kind === 'hello') return { kind, from };
  const parsed = kind === 'state' ? parseDeckState(state) : undefined;
  return parsed && { kind: 'state', from, state: parsed };
}

/** The part of a BroadcastChannel the sync uses. */
interface Channel {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: Message): void;
  close(): void;
}

/**
 * The browser parts the window sync reads. The page passes nothing (the real ones); a test, a
 * stand-in channel. Without BroadcastChannel (old browsers) each window simply stands alone.
 */
export interface WindowSyncGlobals {
  BroadcastChannel?: new (name: string) => Channel;
  /** Where focus and visibility are heard: the window (and its document). */
  addEventListener?: (type: 'focus', listener: () => void) => void;
  removeEventListener?: (type: 'focus', listener: () => void) => void;
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

/**
 * Keeps every window of the deck (audience screens and the presenter view) on the same position
 * over BroadcastChannel: same origin, no server, works offline. A window that (re)loads says
 * hello and the others answer with where the talk is. The window the speaker turns to (it
 * gains focus, or becomes visible) says where it is, so windows that came to disagree (a
 * message lost, or one forged with another window's id) agree again on the speaker's.
 */
export function bindWindowSync(
  deck: Deck,
  channelName: string = STORAGE_KEYS.deckChannel,
  globals: WindowSyncGlobals = globalThis,
): () => void {
  const { BroadcastChannel, document } = globals;
  if (!BroadcastChannel) return () => undefined;
  const channel = new BroadcastChannel(channelName);
  const me = Math.random().toString(36).slice(2);
  const post = (message: Message) => channel.postMessage(message);
  const tellWhere = () => post({ kind: 'state', from: me, state: deck.state });
  channel.onmessage = ({ data }) => {
    const message = parseDeckMessage(data);
    if (!message || message.from === me) return;
    if (message.kind === 'hello') tellWhere();
    else deck.set(message.state, 'remote');
  };
  const unsubscribe = deck.subscribe((state, _previous, source) => {
    if (source !== 'remote') post({ kind: 'state', from: me, state });
  });
  const shown = () => {
    if (document?.visibilityState !== 'hidden') tellWhere();
  };
  globals.addEventListener?.('focus', tellWhere);
  document?.addEventListener('visibilitychange', shown);
  post({ kind: 'hello', from: me });
  return () => {
    unsubscribe();
    globals.removeEventListener?.('focus', tellWhere);
    document?.removeEventListener('visibilitychange', shown);
    channel.close();
  };
}
