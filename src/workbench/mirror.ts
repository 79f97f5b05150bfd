// The audience side of the presenter's mirror: a workbench on a slide tells the presenter view
// (src/deck/demo-mirror.ts) what it shows, over BroadcastChannel. It subscribes to the
// workbench's state, never to its DOM. The demo runs here only; the presenter view gets text.
// In the book, or without BroadcastChannel, this does nothing.
//
// A run outlives its slide: moving on while a demo runs does not stop it. A speaker moves away
// to explain, or to the next slide that discusses the output, and expects to come back to a
// run that went on, as a terminal left open would, not to an empty one; a server demo must keep
// serving. Stop is one Tab and Enter away, and a runaway demo runs off the main thread (worker,
// WebContainer), so the deck stays responsive. The mirror goes on too, so the presenter view has
// the whole tail when the talk comes back to the demo's slide.
import { MIRROR_CHANNEL, parseMirrorMessage, type MirrorMessage, type MirrorState } from '../shared/mirror-protocol.ts';
import type { WorkbenchState, WorkbenchStore } from './state.ts';

/** At most this many messages a second: output arrives in batches many times as often. */
const PUBLISH_EVERY_MS = 100;

export function mirrorState(demo: string, state: WorkbenchState): MirrorState {
  return {
    demo,
    files: state.files.map(({ path, text }) => ({ path, text })),
    status: [state.status, state.note].filter(Boolean).join(' '),
    running: state.running,
    output: state.output,
    truncated: state.truncated,
  };
}

/** Publishes the store's state for `demo` until the returned function is called. */
export function mirrorWorkbench(root: HTMLElement, demo: string, store: WorkbenchStore): () => void {
  if (!root.closest('[data-deck-slide]') || typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(MIRROR_CHANNEL);
  const post = (message: MirrorMessage) => channel.postMessage(message);
  const current = (): MirrorMessage => ({ kind: 'state', state: mirrorState(demo, store.get()) });

  // Throttled, trailing: the last change is always sent, at most PUBLISH_EVERY_MS after it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      post(current());
    }, PUBLISH_EVERY_MS);
  };
  channel.onmessage = ({ data }: MessageEvent<unknown>) => {
    if (parseMirrorMessage(data)?.kind === 'hello') post(current());
  };
  const gone = () => post({ kind: 'gone', demo });
  // Back from the back/forward cache: the presenter view was told this window had gone.
  const shown = (event: PageTransitionEvent) => event.persisted && publish();
  addEventListener('pagehide', gone);
  addEventListener('pageshow', shown);
  const unsubscribe = store.subscribe(publish);
  publish();

  return () => {
    unsubscribe();
    clearTimeout(timer);
    removeEventListener('pagehide', gone);
    removeEventListener('pageshow', shown);
    gone();
    channel.close();
  };
}
