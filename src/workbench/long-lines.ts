// The terminal's guard against one endless line: `console.log("x".repeat(1e6))`, a base64 blob,
// or `for(;;) process.stdout.write(".")`. xterm keeps a screen-reader copy of each line until it
// ends, growing it character by character, so a line with no end costs more at every write and
// the page stops answering. A line is shown up to MAX_LINE_CHARS; the rest is counted, and the
// count is shown when the line ends.
export const MAX_LINE_CHARS = 10_000;

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const thousands = (n: number) => n.toLocaleString('en');

export interface LineLimiter {
  write(text: string): void;
  /** A new run: the next character starts a line. */
  reset(): void;
}

export function limitLongLines(write: (text: string) => void, max = MAX_LINE_CHARS): LineLimiter {
  let column = 0;
  let dropped = 0;
  /** The length of `text`'s last line, and whether any of its lines would pass the limit. */
  const scan = (text: string) => {
    const lineEnd = /[\r\n]/g;
    let from = 0; // where the current line starts; 0 while it is the line a previous write left open
    let longest = column;
    for (let match = lineEnd.exec(text); match; match = lineEnd.exec(text)) {
      longest = Math.max(longest, (from === 0 ? column : 0) + match.index - from);
      from = match.index + 1;
    }
    const last = (from === 0 ? column : 0) + text.length - from;
    return { last, fits: dropped === 0 && Math.max(longest, last) <= max };
  };
  return {
    write(text) {
      // Nearly all output: no line too long, so it passes untouched (one native scan, no copy).
      const { last, fits } = scan(text);
      if (fits) {
        column = last;
        write(text);
        return;
      }
      let out = '';
      let start = 0;
      // A carriage return starts the line again too (progress bars redraw one line).
      const lineEnd = /[\r\n]/g;
      while (start <= text.length) {
        lineEnd.lastIndex = start;
        const match = lineEnd.exec(text);
        const end = match ? match.index : text.length;
        const room = max - column;
        const piece = end - start;
        if (piece <= room) {
          out += text.slice(start, end);
          column += piece;
        } else {
          if (dropped === 0) out += `${text.slice(start, start + room)}${DIM} [this line goes on past ${thousands(max)} characters; the rest is not shown]${RESET}`;
          dropped += piece - Math.max(room, 0);
          column = max;
        }
        if (!match) break;
        if (dropped > 0) out += `${DIM} [${thousands(dropped)} more characters]${RESET}`;
        dropped = 0;
        column = 0;
        out += match[0];
        start = end + 1;
      }
      if (out) write(out);
    },
    reset() {
      column = 0;
      dropped = 0;
    },
  };
}
