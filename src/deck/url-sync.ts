import { formatAddress, parseAddress } from './address.ts';
import type { Deck } from './deck.ts';

/** The browser parts the URL sync reads. The page passes nothing (the real ones); a test, stand-ins. */
export interface UrlSyncGlobals {
  location: Pick<Location, 'hash'>;
  history: Pick<History, 'state' | 'pushState' | 'replaceState'>;
  window: {
    addEventListener(type: 'popstate', listener: () => void): void;
    removeEventListener(type: 'popstate', listener: () => void): void;
  };
}

/**
 * The URL is the source of truth for the position: read on load and on back/forward, written on
 * every change. A new slide is a new history entry; a step within a slide replaces the entry.
 */
export function bindUrlSync(deck: Deck, { location, history, window }: UrlSyncGlobals = globalThis): () => void {
  const fromUrl = () => {
    const position = parseAddress(deck.slides, location.hash);
    if (position) deck.set(position, 'url');
  };
  fromUrl();
  if (!parseAddress(deck.slides, location.hash)) {
    history.replaceState(history.state, '', formatAddress(deck.slides, deck.state.slide, deck.state.step));
  }
  window.addEventListener('popstate', fromUrl);
  const unsubscribe = deck.subscribe((state, previous, source) => {
    if (source === 'url') return;
    const address = formatAddress(deck.slides, state.slide, state.step);
    if (address === location.hash) return;
    if (state.slide !== previous.slide && source === 'local') history.pushState(null, '', address);
    else history.replaceState(null, '', address);
  });
  return () => {
    window.removeEventListener('popstate', fromUrl);
    unsubscribe();
  };
}
