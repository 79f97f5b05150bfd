import { describe, expect, it } from 'vitest';
import { BEAT_MS, SANDBOX_POLICY, sandboxDocument, sandboxMain, type MessagePortLike, type SandboxScope } from './sandbox-frame.ts';
import { isFromWorker, type FromSandbox, type SandboxStart } from './worker-protocol.ts';

class FakePort implements MessagePortLike {
  onmessage: MessagePortLike['onmessage'] = null;
  received: FromSandbox[] = [];
  postMessage(message: unknown) {
    this.received.push(message as FromSandbox);
  }
  page(message: unknown) {
    this.onmessage?.({ data: message });
  }
}

interface FakeWorker {
  url: string;
  options: { name: string };
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
}

function frame() {
  const parent = {};
  const blobs: string[] = [];
  const workers: FakeWorker[] = [];
  const beats: { callback: () => void; ms: number }[] = [];
  let listener: Parameters<SandboxScope['addEventListener']>[1] | undefined;
  const scope: SandboxScope = {
    parent,
    addEventListener: (_type, l) => void (listener = l),
    setInterval: (callback, ms) => beats.push({ callback, ms }),
    Worker: class {
      onmessage = null;
      onerror = null;
      constructor(
        readonly url: string,
        readonly options: { name: string },
      ) {
        workers.push(this as unknown as FakeWorker);
      }
    } as unknown as SandboxScope['Worker'],
    Blob: class {
      constructor(parts: string[]) {
        blobs.push(parts.join(''));
      }
    } as unknown as SandboxScope['Blob'],
    URL: { createObjectURL: () => `blob:null/${blobs.length - 1}` },
  };
  sandboxMain(scope, isFromWorker, BEAT_MS);
  const start = (overrides: Partial<SandboxStart> = {}, source: unknown = parent) => {
    const port = new FakePort();
    const message: SandboxStart = {
      type: 'start',
      token: '__t_',
      modules: ['export const a = 1;', 'import { a } from "__t_0_"; console.log(a);', 'import("__t_1_");'],
      name: 'demo x',
      maxPendingChars: 10,
      maxKeptChars: 100,
      keepLinesStartingWith: '#trace ',
      ...overrides,
    };
    listener!({ data: message, source, ports: [port] });
    return port;
  };
  const worker = () => workers[0]!;
  const fromWorker = (data: unknown) => worker().onmessage!({ data });
  return { start, blobs, workers, worker, fromWorker, beats };
}

describe('sandboxMain, the frame a demo worker lives in', () => {
  it('makes a Blob URL of each module, dependencies first, and starts the worker on the last', () => {
    const { start, blobs, workers } = frame();
    start();
    expect(blobs).toEqual(['export const a = 1;', 'import { a } from "blob:null/0"; console.log(a);', 'import("blob:null/1");']);
    expect(workers.map((w) => [w.url, w.options])).toEqual([['blob:null/2', { name: 'demo x' }]]);
  });

  it('starts only for the page that made it, once', () => {
    const { start, workers } = frame();
    start({}, { someOtherWindow: true });
    expect(workers).toHaveLength(0);
    start();
    start();
    expect(workers).toHaveLength(1);
  });

  it('hands the page one message at a time: what comes meanwhile waits for the ack, then goes as one', () => {
    const { start, fromWorker } = frame();
    const port = start({ maxPendingChars: 1000 });
    fromWorker({ type: 'output', text: 'a\n' });
    fromWorker({ type: 'output', text: 'b\n' });
    fromWorker({ type: 'output', text: 'c\n' });
    expect(port.received).toEqual([{ type: 'output', text: 'a\n' }]);
    port.page({ type: 'ack' });
    expect(port.received).toEqual([
      { type: 'output', text: 'a\n' },
      { type: 'output', text: 'b\nc\n' },
    ]);
  });

  it('keeps the newest output while the page is busy, counts what it leaves out, and keeps trace lines from it', () => {
    const { start, fromWorker } = frame();
    const port = start({ maxPendingChars: 10 });
    fromWorker({ type: 'output', text: 'first\n' });
    for (const line of ['one\n', '#trace {"t":1}\n', 'two\n', 'three\n', 'four\n', 'five\n', 'six\n']) fromWorker({ type: 'output', text: line });
    port.page({ type: 'ack' });
    const [, second] = port.received as [FromSandbox, FromSandbox & { type: 'output' }];
    expect(second.skipped?.kept).toBe('#trace {"t":1}\n');
    expect(second.text.length).toBeLessThanOrEqual(20);
    expect(second.text.endsWith('six\n')).toBe(true);
    // Nothing is lost without being counted: kept + skipped + handed on = written.
    const written = 'one\n#trace {"t":1}\ntwo\nthree\nfour\nfive\nsix\n';
    expect(second.skipped!.kept.length + second.skipped!.chars + second.text.length).toBe(written.length);
    expect(second.skipped!.lines + 1 + second.text.split('\n').length - 1).toBe(7);
  });

  it('sends the exit only after every byte of output before it has been taken', () => {
    const { start, fromWorker } = frame();
    const port = start({ maxPendingChars: 1000 });
    fromWorker({ type: 'output', text: 'a\n' });
    fromWorker({ type: 'output', text: 'b\n' });
    fromWorker({ type: 'exit', code: 3, message: 'boom' });
    fromWorker({ type: 'output', text: 'after the exit\n' });
    expect(port.received).toEqual([{ type: 'output', text: 'a\n' }]);
    port.page({ type: 'ack' });
    port.page({ type: 'ack' });
    expect(port.received).toEqual([
      { type: 'output', text: 'a\n' },
      { type: 'output', text: 'b\n' },
      { type: 'exit', code: 3, message: 'boom' },
    ]);
  });

  it('ignores whatever else demo code posts to it', () => {
    const { start, fromWorker } = frame();
    const port = start();
    for (const junk of [{ slide: 2 }, 'exit', { type: 'exit', code: '0' }, { type: 'output' }, new Array(3)]) fromWorker(junk);
    expect(port.received).toEqual([]);
  });

  it('says when the worker itself fails, answers a ping, and beats on its own', () => {
    const { start, worker, beats } = frame();
    const port = start();
    let prevented = false;
    worker().onerror!({ message: 'Failed to load worker script', preventDefault: () => (prevented = true) });
    port.page({ type: 'ping' });
    expect(beats.map((beat) => beat.ms)).toEqual([BEAT_MS]);
    beats[0]!.callback();
    expect(port.received).toEqual([{ type: 'failed', message: 'Failed to load worker script' }, { type: 'beat' }, { type: 'beat' }]);
    expect(prevented).toBe(true);
  });
});

describe('sandboxDocument', () => {
  it('is a document whose policy allows its own script and Blob URLs, and no connection at all', () => {
    const html = sandboxDocument();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${SANDBOX_POLICY}">`);
    expect(SANDBOX_POLICY).toBe("default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:");
    // Self-contained: the serialised functions run on their own.
    const script = html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>'));
    const listeners: unknown[] = [];
    new Function('self', script)({ addEventListener: (_: string, l: unknown) => listeners.push(l) });
    expect(listeners).toHaveLength(1);
  });
});
