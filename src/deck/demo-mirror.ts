// The presenter view's read-only mirror of a demo on a slide. The demo runs once, in the
// audience window (src/workbench/mirror.ts sends what its workbench shows); here it never runs:
// each <demo-embed> is inert, so its loader never fetches the workbench, and once the audience
// window has opened the demo, a plain-text view takes its place in the slide. No CodeMirror and
// no xterm: <pre> elements keep the presenter within its JS budget.
import { MIRROR_CHANNEL, parseMirrorMessage, type MirrorMessage, type MirrorState } from '../shared/mirror-protocol.ts';
import { OUTPUT_TAIL_CHARS } from '../shared/output-tail.ts';

interface MirrorView {
  embed: HTMLElement;
  root: HTMLElement;
  note: HTMLElement;
  status: HTMLElement;
  code: HTMLElement;
  output: HTMLPreElement;
  /** The files last shown, to tell an edit from a message about output only. */
  files: string;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

/** A labelled, keyboard-scrollable box of text (a scrolling region must be reachable by Tab). */
function textBox(label: string, pre: HTMLPreElement): HTMLElement {
  const box = make('section', 'demo-mirror-box', make('h3', 'demo-mirror-label', label), pre);
  pre.tabIndex = 0;
  return box;
}

function createView(embed: HTMLElement): MirrorView {
  const note = make('p', 'demo-mirror-note');
  const status = make('p', 'demo-mirror-status');
  const code = make('div', 'demo-mirror-code');
  const output = make('pre', 'demo-mirror-output');
  const root = make('section', 'demo-mirror', code, make('div', 'demo-mirror-side', note, status, textBox('Output', output)));
  root.setAttribute('aria-label', 'Mirror of the demo in the audience window (read-only)');
  root.hidden = true;
  embed.after(root);
  return { embed, root, note, status, code, output, files: '' };
}

function render(view: MirrorView, state: MirrorState): void {
  view.note.textContent = state.running ? 'Running in the audience window.' : 'Mirrored from the audience window; it runs there, not here.';
  view.status.textContent = state.status;
  // The files change only when the speaker edits: rebuilt only then, so a flood of output does
  // not re-lay out the code (and a scrolled code box keeps its place).
  const files = JSON.stringify(state.files);
  if (view.files !== files) {
    view.files = files;
    view.code.replaceChildren(...state.files.map((file) => textBox(file.path, make('pre', 'demo-mirror-file', file.text))));
  }
  const output = view.output;
  const atEnd = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
  // Bounded here too, whatever a sender sends: the presenter keeps the tail only.
  output.textContent = (state.truncated ? '… earlier output dropped …\n' : '') + state.output.slice(-OUTPUT_TAIL_CHARS);
  if (atEnd) output.scrollTop = output.scrollHeight;
  view.embed.hidden = true;
  view.root.hidden = false;
}

function reset(view: MirrorView): void {
  view.root.hidden = true;
  view.embed.hidden = false;
}

/** Mirrors every demo of the presenter's slides; asks the audience windows where they are. */
export function bindDemoMirror(slides: readonly HTMLElement[]): () => void {
  const embeds = slides.flatMap((slide) => [...slide.querySelectorAll<HTMLElement>('demo-embed[data-demo]')]);
  // The presenter view never runs a demo: no click or focus reaches an embed's loader.
  for (const embed of embeds) embed.inert = true;
  if (embeds.length === 0 || typeof BroadcastChannel === 'undefined') return () => undefined;

  const views = new Map<HTMLElement, MirrorView>();
  const viewsOf = (demo: string) => embeds.filter((embed) => embed.dataset['demo'] === demo);
  const channel = new BroadcastChannel(MIRROR_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = parseMirrorMessage(event.data);
    if (data?.kind === 'state') {
      for (const embed of viewsOf(data.state.demo)) {
        let view = views.get(embed);
        if (!view) views.set(embed, (view = createView(embed)));
        render(view, data.state);
      }
    } else if (data?.kind === 'gone') {
      for (const embed of viewsOf(data.demo)) {
        const view = views.get(embed);
        if (view) reset(view);
      }
    }
  };
  // A presenter view that (re)loads mid-run asks for the current state rather than waiting
  // for the next change, which may never come once the run has ended.
  channel.postMessage({ kind: 'hello' } satisfies MirrorMessage);
  return () => channel.close();
}
