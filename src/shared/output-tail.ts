// The tail of a terminal's output, as plain text: what the workbench keeps of a run for the
// presenter's mirror (src/shared/mirror-protocol.ts). Apart from the protocol, so the book's
// workbench, which keeps the tail but has no presenter, loads none of the protocol.

/**
 * How much output a mirror keeps: the tail, about a screenful and a half of a busy terminal.
 * A flood of output (millions of lines) must not grow either window without limit, and a
 * speaker glancing at the presenter view reads the last lines, not the first.
 */
export const OUTPUT_TAIL_CHARS = 16_000;

/**
 * Appends to a bounded tail: at most `limit` characters, cut at a line start where there is
 * one, so the mirror never shows half a line at its top.
 */
export function appendTail(tail: string, text: string, limit = OUTPUT_TAIL_CHARS): { tail: string; cut: boolean } {
  const all = tail + text;
  if (all.length <= limit) return { tail: all, cut: false };
  const from = all.length - limit;
  const lineStart = all.indexOf('\n', from);
  return { tail: lineStart === -1 || lineStart - from > limit / 4 ? all.slice(from) : all.slice(lineStart + 1), cut: true };
}

// CSI sequences (colours, cursor moves) and OSC sequences (titles, links). A sequence split
// across two writes leaks its second half; output is batched, so that is rare and harmless.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Terminal text as plain text: what a <pre> can show. */
export function plainText(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n/g, '\n');
}
