// Terminals repaint on every write, so a program printing in a tight loop would freeze the page
// if each line went straight through. The batcher joins writes and hands them on at most once
// per frame; when more arrives between frames than anyone could read, it keeps only the newest
// part and says how much it left out.
import type { OutputSink } from './runtime.ts';

export interface Scheduler {
  /** Calls `flush` once, soon (next frame); returns how to cancel it. */
  schedule(flush: () => void): () => void;
}

export interface OutputBatcher extends OutputSink {
  /** Hands on everything pending now (at exit, so the last line is never late). */
  flush(): void;
  /** Flushes and stops scheduling; later writes are ignored. */
  dispose(): void;
}

export interface BatcherOptions {
  /** The most characters handed on per flush; older pending text beyond it is dropped. */
  maxChars?: number;
  scheduler?: Scheduler;
  /**
   * Whole lines that start with this are kept when older output is dropped (the workbench's
   * `#trace ` lines: the terminal may skip text, the timeline must not skip events), up to
   * KEPT_MAX_CHARS a flush so a flood of them still cannot grow memory without limit.
   */
  keepLinesStartingWith?: string | undefined;
}

/** The most kept lines held between two flushes; beyond it they are dropped and counted like the rest. */
export const KEPT_MAX_CHARS = 1024 * 1024;

/** 64 K characters is more than a terminal screen's scrollback shows in one glance. */
export const DEFAULT_MAX_CHARS = 64 * 1024;

/**
 * The next animation frame, or 16 ms, whichever comes first: frames stop in a hidden tab, and
 * output must still arrive (and memory stay bounded) there.
 */
export const frameScheduler: Scheduler = {
  schedule(flush) {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      flush();
    };
    const timer = setTimeout(once, 16);
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : undefined;
    return () => {
      done = true;
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  },
};

const countLines = (text: string) => {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
};

export function formatDropped(chars: number, lines: number): string {
  const size = chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
  return `\n[… ${lines.toLocaleString('en')} lines (${size}) of output skipped to keep the page responsive; the newest follows …]\n`;
}

export function createOutputBatcher(sink: OutputSink, options: BatcherOptions = {}): OutputBatcher {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const scheduler = options.scheduler ?? frameScheduler;
  const keep = options.keepLinesStartingWith;
  // Chunks are joined lazily: a flood of tiny writes costs one join per compaction, not per write.
  let chunks: string[] = [];
  let pendingChars = 0;
  let droppedChars = 0;
  let droppedLines = 0;
  /** Lines kept out of dropped text, oldest first; handed on ahead of the notice and the tail. */
  let kept = '';
  let cancel: (() => void) | undefined;
  let disposed = false;

  // Keeps only the newest maxChars. Compacting at twice the limit keeps the work amortised O(1).
  const trim = () => {
    const all = chunks.join('');
    let cut = all.length - maxChars;
    // With lines to keep, cut at a line's end, so no kept line is split in two.
    if (keep !== undefined) {
      const lineEnd = all.indexOf('\n', cut - 1);
      if (lineEnd !== -1) cut = lineEnd + 1;
    }
    const dropped = all.slice(0, cut);
    let keptHere = '';
    if (keep !== undefined && dropped.includes(keep)) {
      for (const line of dropped.split('\n')) {
        if (line.startsWith(keep) && kept.length + keptHere.length + line.length < KEPT_MAX_CHARS) keptHere += `${line}\n`;
      }
    }
    kept += keptHere;
    droppedChars += dropped.length - keptHere.length;
    droppedLines += countLines(dropped) - countLines(keptHere);
    chunks = [all.slice(cut)];
    pendingChars = chunks[0]!.length;
  };

  const flush = () => {
    cancel?.();
    cancel = undefined;
    if (pendingChars > maxChars) trim();
    if (pendingChars === 0 && droppedChars === 0 && kept === '') return;
    const notice = droppedChars > 0 ? formatDropped(droppedChars, droppedLines) : '';
    const text = kept + notice + chunks.join('');
    chunks = [];
    kept = '';
    pendingChars = droppedChars = droppedLines = 0;
    sink.write(text);
  };

  return {
    write(text) {
      if (disposed || text.length === 0) return;
      chunks.push(text);
      pendingChars += text.length;
      if (pendingChars > 2 * maxChars) trim();
      cancel ??= scheduler.schedule(flush);
    },
    flush,
    dispose() {
      flush();
      disposed = true;
    },
  };
}
