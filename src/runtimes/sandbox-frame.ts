// Where a demo's Worker lives: a frame of its own for each run, `sandbox="allow-scripts"` without
// `allow-same-origin`, built from a srcdoc (no request, so it works offline and on any host).
//
// - **An opaque origin.** Code in the frame, and in the Worker it starts, is not the site: it
//   cannot read the site's storage (IndexedDB, Cache, localStorage), post on the deck's
//   BroadcastChannels (an opaque origin's channels are its own), or use the page's cookies.
// - **No network.** The frame's Content-Security-Policy, which its Blob-URL Worker inherits,
//   allows scripts from the frame itself and Blob URLs, and connections to nothing: no fetch,
//   WebSocket or import from the site, from localhost or from anywhere else.
// - **A process of its own.** Chromium runs a sandboxed frame in its own renderer process, so a
//   flood of messages or a heap that runs out takes down that process, never the page or the deck.
// - **Backpressure.** The frame hands the page one message of output at a time and waits for
//   the page to take it; what the demo writes meanwhile waits in the frame, which keeps the newest
//   `maxPendingChars` and counts the rest. So the page never holds more than one message.
//
// `sandboxMain` is serialised into the frame with Function.prototype.toString, so it must be
// self-contained: it may use only its parameters and globals (types excepted).
import { isFromWorker, type FromSandbox, type SandboxStart, type ToSandbox } from './worker-protocol.ts';

/** How often the frame says it is alive. */
export const BEAT_MS = 500;

/** Scripts from the frame's own srcdoc and Blob URLs; nothing else, and no connections at all. */
export const SANDBOX_POLICY = "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:";

/** The parts of the frame's global scope sandboxMain uses, so tests can pass a fake. */
export interface SandboxScope {
  parent: unknown;
  addEventListener(type: 'message', listener: (event: { data: unknown; source: unknown; ports: readonly MessagePortLike[] }) => void): void;
  setInterval(callback: () => void, ms: number): unknown;
  Worker: new (url: string, options: { name: string }) => WorkerInFrame;
  Blob: new (parts: string[], options: { type: string }) => unknown;
  URL: { createObjectURL(blob: unknown): string };
}

export interface MessagePortLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}

interface WorkerInFrame {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
}

export function sandboxMain(scope: SandboxScope, isFromWorkerCheck: typeof isFromWorker, beatMs: number): void {
  let started = false;
  scope.addEventListener('message', (event) => {
    const start = event.data as SandboxStart | undefined;
    const port = event.ports[0];
    // Only the page that made the frame starts it, once.
    if (started || event.source !== scope.parent || port === undefined || start?.type !== 'start') return;
    started = true;
    const send = (message: FromSandbox) => port.postMessage(message);

    const urls: string[] = [];
    const placeholder = new RegExp(`${start.token}(\\d+)_`, 'g');
    for (const source of start.modules) {
      const linked = source.replace(placeholder, (_whole, index: string) => urls[Number(index)] ?? '');
      urls.push(scope.URL.createObjectURL(new scope.Blob([linked], { type: 'text/javascript' })));
    }

    // Output waits here until the page has taken the message before it.
    let pending = '';
    let skippedChars = 0;
    let skippedLines = 0;
    let kept = '';
    let waiting = false;
    let exit: FromSandbox | undefined;
    const lines = (text: string) => text.split('\n').length - 1;
    const leaveOutOldest = () => {
      let cut = pending.length - start.maxPendingChars;
      const lineEnd = pending.indexOf('\n', cut - 1);
      if (lineEnd !== -1) cut = lineEnd + 1;
      const left = pending.slice(0, cut);
      const prefix = start.keepLinesStartingWith;
      let keptHere = '';
      if (prefix !== undefined && left.includes(prefix)) {
        for (const line of left.split('\n')) {
          if (line.startsWith(prefix) && kept.length + keptHere.length + line.length < start.maxKeptChars) keptHere += `${line}\n`;
        }
      }
      kept += keptHere;
      skippedChars += left.length - keptHere.length;
      skippedLines += lines(left) - lines(keptHere);
      pending = pending.slice(cut);
    };
    const deliver = () => {
      if (waiting) return;
      if (pending !== '' || skippedChars > 0 || kept !== '') {
        waiting = true;
        send(skippedChars > 0 || kept !== '' ? { type: 'output', text: pending, skipped: { chars: skippedChars, lines: skippedLines, kept } } : { type: 'output', text: pending });
        pending = kept = '';
        skippedChars = skippedLines = 0;
      } else if (exit !== undefined) {
        send(exit);
        exit = undefined;
      }
    };

    // A classic worker, which loads the demo's modules with import(): Chromium refuses a module
    // Worker from an opaque origin's Blob URL ("no reason given"), and import() in it works.
    const worker = new scope.Worker(urls[urls.length - 1]!, { name: start.name });
    worker.onmessage = ({ data }) => {
      // Demo code can post to the frame as well: anything but the worker's own shapes is ignored.
      if (!isFromWorkerCheck(data) || exit !== undefined) return;
      if (data.type === 'output') {
        pending += data.text;
        if (pending.length > 2 * start.maxPendingChars) leaveOutOldest();
      } else exit = data.message === undefined ? { type: 'exit', code: data.code } : { type: 'exit', code: data.code, message: data.message };
      deliver();
    };
    worker.onerror = (error) => {
      error.preventDefault();
      send({ type: 'failed', message: error.message || 'no reason given' });
    };
    port.onmessage = ({ data }) => {
      const message = data as ToSandbox | undefined;
      if (message?.type === 'ack') {
        waiting = false;
        deliver();
      } else if (message?.type === 'ping') send({ type: 'beat' });
    };
    scope.setInterval(() => send({ type: 'beat' }), beatMs);
  });
}

/** The frame's whole document. */
export function sandboxDocument(): string {
  return (
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="${SANDBOX_POLICY}">` +
    `<script>(${sandboxMain.toString()})(self, ${isFromWorker.toString()}, ${BEAT_MS});</script>`
  );
}

/** One run's frame, as the worker runtime sees it. */
export interface Sandbox {
  onmessage: ((data: unknown) => void) | null;
  send(message: ToSandbox): void;
  /** Removes the frame: its process, its Worker and its Blob URLs go with it. */
  dispose(): void;
}

export type CreateSandbox = (start: SandboxStart) => Sandbox;

export const createSandboxFrame: CreateSandbox = (start) => {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  // Hidden, so neither in the accessibility tree nor in the tab order.
  frame.hidden = true;
  frame.title = `Sandbox of the ${start.name}`;
  frame.dataset['demoSandbox'] = '';
  frame.srcdoc = sandboxDocument();
  const channel = new MessageChannel();
  const sandbox: Sandbox = {
    onmessage: null,
    send: (message) => channel.port1.postMessage(message),
    dispose() {
      channel.port1.onmessage = null;
      channel.port1.close();
      frame.remove();
    },
  };
  channel.port1.onmessage = ({ data }) => sandbox.onmessage?.(data);
  frame.addEventListener('load', () => frame.contentWindow?.postMessage(start, '*', [channel.port2]), { once: true });
  document.body.append(frame);
  return sandbox;
};
