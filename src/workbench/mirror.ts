// The audience side of the presenter's mirror: a workbench on a slide tells the presenter view
// (src/deck/demo-mirror.ts) what it shows, over BroadcastChannel. The demo runs here only; the
// presenter view gets text. In the book, or without BroadcastChannel, this does nothing.
//
// A run outlives its slide: moving on while a demo runs does not stop it. A speaker moves away
// to explain, or to the next slide that discusses the output, and expects to come back to a
// run that went on, as a terminal left open would, not to an empty one; a server demo must keep
// serving. Stop is one Tab and Enter away, and a runaway demo runs off the main thread (worker,
// WebContainer), so the deck stays responsive. The mirror goes on too, so the presenter view has
// the whole tail when the talk comes back to the demo's slide.
import { appendTail, MIRROR_CHANNEL, plainText, type MirrorMessage, type MirrorState } from './mirror-protocol.ts';
import type { OutputTerminal } from './terminal.ts';

/** At most this many messages a second: output arrives in batches many times as often. */
const PUBLISH_EVERY_MS = 100;

export interface MirrorSource {
  /** The terminal, with everything written to it (and every clear) mirrored too. */
  tee(terminal: OutputTerminal): OutputTerminal;
  /** The editor's text changed (an edit, or Reset). */
  changed(): void;
}

export interface MirrorSourceOptions {
  root: HTMLElement;
  demo: string;
  paths: readonly string[];
  text(path: string): string;
  /** The status line: its text says which runtime ran the demo and why. */
  status: HTMLElement;
  /** Disabled while a run is under way. */
  runButton: HTMLButtonElement;
}

const nothing: MirrorSource = { tee: (terminal) => terminal, changed: () => undefined };

export function mirrorSource({ root, demo, paths, text, status, runButton }: MirrorSourceOptions): MirrorSource {
  if (!root.closest('[data-deck-slide]') || typeof BroadcastChannel === 'undefined') return nothing;
  const channel = new BroadcastChannel(MIRROR_CHANNEL);
  let output = '';
  let truncated = false;

  const state = (): MirrorState => ({
    demo,
    files: paths.map((path) => ({ path, text: text(path) })),
    status: status.textContent ?? '',
    running: runButton.disabled,
    output,
    truncated,
  });
  const post = (message: MirrorMessage) => channel.postMessage(message);

  // Throttled, trailing: the last change is always sent, at most PUBLISH_EVERY_MS after it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      post({ kind: 'state', state: state() });
    }, PUBLISH_EVERY_MS);
  };

  channel.onmessage = ({ data }: MessageEvent<MirrorMessage>) => {
    if (data.kind === 'hello') post({ kind: 'state', state: state() });
  };
  new MutationObserver(publish).observe(status, { childList: true, characterData: true, subtree: true });
  new MutationObserver(publish).observe(runButton, { attributes: true, attributeFilter: ['disabled'] });
  addEventListener('pagehide', () => post({ kind: 'gone', demo }));
  // Back from the back/forward cache: the presenter view was told this window had gone.
  addEventListener('pageshow', (event) => event.persisted && publish());
  publish();

  return {
    tee: (terminal) => ({
      ...terminal,
      write(chunk) {
        terminal.write(chunk);
        const next = appendTail(output, plainText(chunk));
        output = next.tail;
        truncated ||= next.cut;
        publish();
      },
      clear() {
        terminal.clear();
        output = '';
        truncated = false;
        publish();
      },
    }),
    changed: publish,
  };
}
