// The output sink: xterm.js, fitted to its box. It takes no input (demos read no stdin), and
// converts \n to \r\n because programs print Unix newlines. Its type size is its box's CSS
// font-size, so the stylesheet decides: 14 px in the book, scaled with the slide in the deck
// (xterm draws at a fixed size, so each refit reads the size again).
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

/** What xterm is handed at once (its parser keeps state across writes, surrogate halves too). */
const WRITE_PIECE_CHARS = 4096;

export interface OutputTerminal {
  write(text: string): void;
  clear(): void;
  destroy(): void;
}

/** The box's computed font size in whole pixels (xterm wants a number), 14 if it has none. */
function fontSizeOf(box: HTMLElement): number {
  return Math.round(parseFloat(getComputedStyle(box).fontSize)) || 14;
}

export function createOutputTerminal(parent: HTMLElement): OutputTerminal {
  const terminal = new Terminal({
    convertEol: true,
    disableStdin: true,
    fontFamily: "'JetBrains Mono Variable', ui-monospace, monospace",
    fontSize: fontSizeOf(parent),
    scrollback: 5000,
    // Without it xterm's rows are hidden from assistive technology and a screen reader finds
    // only an empty "Terminal input": this mode mirrors the rows into an accessible list.
    screenReaderMode: true,
    // Dark in both themes, like a real terminal; colours chosen for contrast on #0f1115.
    theme: { background: '#0f1115', foreground: '#e7e8ec', cursor: '#0f1115', red: '#ff8a8a', green: '#7fd29c', yellow: '#f0c86b', blue: '#8db7ff' },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(parent);
  // xterm names its focusable textarea "Terminal input"; this one takes none (focus is only for
  // scrolling and for screen readers to enter the output).
  terminal.textarea?.setAttribute('aria-label', 'Output, read only');
  const refit = () => {
    // fit() throws on a box with no size (a collapsed or hidden workbench).
    if (parent.clientWidth === 0) return;
    // A slide scaled by a resize or fullscreen changes the box's font size with its width.
    const fontSize = fontSizeOf(parent);
    if (terminal.options.fontSize !== fontSize) terminal.options.fontSize = fontSize;
    fit.fit();
  };
  refit();
  const observer = new ResizeObserver(refit);
  observer.observe(parent);
  return {
    // In pieces: xterm parses each write whole and checks its time budget only between writes,
    // so one 64 KB write of short lines held the page for 66 ms; pieces let it yield in time.
    write: (text) => {
      for (let at = 0; at < text.length; at += WRITE_PIECE_CHARS) terminal.write(text.slice(at, at + WRITE_PIECE_CHARS));
    },
    clear: () => terminal.reset(),
    destroy() {
      observer.disconnect();
      terminal.dispose();
    },
  };
}
