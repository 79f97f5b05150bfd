// Demos print timeline events on lines starting with TRACE_PREFIX. They are data for the
// timeline, not for the reader, so the terminal hides them. Output arrives in chunks that can
// split a line anywhere, so the filter holds back an unfinished line that might be a trace.
import type { OutputSink } from '../runtimes/index.ts';

export const TRACE_PREFIX = '#trace ';

export interface TraceFilter extends OutputSink {
  /** Writes out a held-back partial line (at exit). */
  end(): void;
}

export function hideTraceLines(sink: OutputSink): TraceFilter {
  let held = '';
  return {
    write(text) {
      const all = held + text;
      const lastNewline = all.lastIndexOf('\n');
      const complete = all.slice(0, lastNewline + 1);
      const rest = all.slice(lastNewline + 1);
      // A partial line is held only while it could still become a trace line.
      const mayBeTrace = rest.length > 0 && (TRACE_PREFIX.startsWith(rest) || rest.startsWith(TRACE_PREFIX));
      held = mayBeTrace ? rest : '';
      const shown = complete
        .split(/(?<=\n)/)
        .filter((line) => !line.startsWith(TRACE_PREFIX))
        .join('');
      const out = shown + (mayBeTrace ? '' : rest);
      if (out) sink.write(out);
    },
    end() {
      if (held && !held.startsWith(TRACE_PREFIX)) sink.write(held);
      held = '';
    },
  };
}
