// Demos print timeline events on lines starting with TRACE_PREFIX. They are data for the
// timeline, not for the reader, so the terminal hides them and the filter hands each one, parsed,
// to a listener. Output arrives in chunks that can split a line anywhere, so the filter holds
// back an unfinished line that might be a trace.
import type { OutputSink } from '../runtimes/index.ts';
import { parseTraceEvent, type TraceEvent } from './trace-event.ts';

export const TRACE_PREFIX = '#trace ';

export interface TraceListener {
  event(event: TraceEvent): void;
  /** A trace line that is not a valid event (a reader's edit gone wrong); it is hidden all the same. */
  malformed?(line: string): void;
  /** The run's output has ended: no more traces. */
  end?(): void;
}

export interface TraceFilter extends OutputSink {
  /** Writes out a held-back partial line, or reads it as a trace (at exit). */
  end(): void;
}

export function hideTraceLines(sink: OutputSink, listener?: TraceListener): TraceFilter {
  let held = '';
  const readTrace = (line: string) => {
    if (!listener) return;
    const body = line.slice(TRACE_PREFIX.length).replace(/\r?\n$/, '');
    const event = parseTraceEvent(body);
    if (event) listener.event(event);
    else listener.malformed?.(line.replace(/\r?\n$/, ''));
  };
  return {
    write(text) {
      const all = held + text;
      const lastNewline = all.lastIndexOf('\n');
      const complete = all.slice(0, lastNewline + 1);
      const rest = all.slice(lastNewline + 1);
      // A partial line is held only while it could still become a trace line.
      const mayBeTrace = rest.length > 0 && (TRACE_PREFIX.startsWith(rest) || rest.startsWith(TRACE_PREFIX));
      held = mayBeTrace ? rest : '';
      let shown = '';
      for (const line of complete.split(/(?<=\n)/)) {
        if (line.startsWith(TRACE_PREFIX)) readTrace(line);
        else shown += line;
      }
      const out = shown + (mayBeTrace ? '' : rest);
      if (out) sink.write(out);
    },
    end() {
      if (held.startsWith(TRACE_PREFIX)) readTrace(held);
      else if (held) sink.write(held);
      held = '';
      listener?.end?.();
    },
  };
}
