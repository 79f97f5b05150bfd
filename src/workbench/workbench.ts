// The workbench: replaces a demo's static view in place with file tabs, an editor, Run / Stop /
// Reset, a terminal and (for servers) a preview. Loaded by the <demo-embed> loader in
// Demo.astro on first use, so none of this, CodeMirror or xterm costs a reader who only reads.
import { NoRuntimeError, type RunExit } from '../runtimes/index.ts';
import { readDemoData, type DemoData } from './demo-data.ts';
import { createFileEditor } from './editor.ts';
import { handOffFocus } from './focus-handoff.ts';
import { createEditsStore } from './edits-store.ts';
import { mirrorSource } from './mirror.ts';
import { runDemo } from './run-demo.ts';
import { createRuntimeSetting } from './runtime-setting.ts';
import { serverNote } from './server-note.ts';
import { createOutputTerminal } from './terminal.ts';
import { createTimelineView } from './timeline-view.ts';
import { hideTraceLines } from './trace-filter.ts';

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function exitLine(exit: RunExit): string {
  if (exit.reason === 'stopped') return `\n${DIM}[stopped]${RESET}\n`;
  if (exit.reason === 'exit') return exit.code === 0 ? `\n${DIM}[exited with code 0]${RESET}\n` : `\n${RED}[exited with code ${exit.code}]${RESET}\n`;
  return `\n${RED}[could not run: ${exit.message ?? exit.reason}]${RESET}\n`;
}

export interface MountOptions {
  /** Run at once (the reader pressed Run) rather than only open the editor (they focused the code). */
  run: boolean;
}

/** Upgrades one <demo-embed>. Idempotent: the loader calls it once per element. */
export function mountWorkbench(root: HTMLElement, options: MountOptions): void {
  const demo: DemoData = readDemoData(root);
  const uid = `wb-${demo.id}`;
  const originals = new Map(demo.files.map((file) => [file.path, file.contents]));
  const store = createEditsStore(demo.id, globalThis.localStorage);
  addEventListener('pagehide', () => store.flush());

  // ----- the DOM -----
  const tabs = element('div', { role: 'tablist', className: 'wb-tabs' });
  tabs.setAttribute('aria-label', `Files of ${demo.title}`);
  const editorBox = element('div', { className: 'wb-editor', id: `${uid}-editor` });
  editorBox.setAttribute('role', 'tabpanel');
  const runButton = element('button', { type: 'button', className: 'wb-button wb-run', textContent: 'Run' });
  const stopButton = element('button', { type: 'button', className: 'wb-button', textContent: 'Stop', disabled: true });
  const resetButton = element('button', { type: 'button', className: 'wb-button', textContent: 'Reset' });
  const status = element('p', { className: 'wb-runtime', textContent: 'Press Run to run this demo in your browser.' });
  status.setAttribute('aria-live', 'polite');
  const terminalBox = element('div', { className: 'wb-terminal' });
  const terminalRegion = element('section', { className: 'wb-output' }, terminalBox);
  terminalRegion.setAttribute('aria-label', `Output of ${demo.title}`);
  const preview = element('iframe', { className: 'wb-preview', title: `Preview of ${demo.title}`, hidden: true });
  const timeline = createTimelineView({ title: demo.title, idPrefix: uid });
  const workbench = element(
    'section',
    { className: 'workbench' },
    element('header', { className: 'demo-header' }, element('span', { className: 'demo-kicker', textContent: 'Demo' }), element('span', { className: 'demo-title', textContent: demo.title })),
    tabs,
    editorBox,
    element('div', { className: 'wb-toolbar' }, runButton, stopButton, resetButton, createRuntimeSetting(demo.runtimes, uid)),
    status,
    terminalRegion,
    timeline.element,
    preview,
  );
  workbench.setAttribute('aria-label', `Demo: ${demo.title}`);
  // Keys typed here belong to the editor, never to the deck (src/deck/focus-rule.ts).
  workbench.dataset['deckKeys'] = 'own';
  root.querySelector('.demo-static')?.replaceWith(workbench);

  // ----- editor and tabs -----
  const paths = demo.editable.filter((path) => originals.has(path));
  const editor = createFileEditor({
    parent: editorBox,
    files: paths.map((path) => ({ path, contents: store.load(path) ?? originals.get(path)!, editable: true })),
    onChange: (path, text) => {
      mirror.changed();
      return text === originals.get(path) ? store.clear([path]) : store.save(path, text);
    },
  });
  // On a slide, the presenter view mirrors this workbench (src/workbench/mirror.ts).
  const mirror = mirrorSource({ root, demo: demo.id, paths, text: (path) => editor.text(path), status, runButton });
  const tabButtons = paths.map((path, index) => {
    const tab = element('button', { type: 'button', id: `${uid}-tab-${index}`, textContent: path });
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', editorBox.id);
    tab.addEventListener('click', () => select(index));
    tabs.append(tab);
    return tab;
  });
  const select = (index: number) => {
    tabButtons.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    editorBox.setAttribute('aria-labelledby', tabButtons[index]!.id);
    editor.show(paths[index]!);
  };
  select(0);

  // Esc leaves the editor, so a keyboard user is never trapped in it. (In the deck, the deck's
  // own Esc handling then moves focus to the slide.)
  editorBox.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      editor.view.contentDOM.blur();
      runButton.focus();
    }
  });

  // ----- running -----
  const terminal = mirror.tee(createOutputTerminal(terminalBox));
  let controller: AbortController | undefined;

  const run = async () => {
    controller?.abort();
    const mine = (controller = new AbortController());
    store.flush();
    terminal.clear();
    preview.hidden = true;
    runButton.disabled = true;
    stopButton.disabled = false;
    status.textContent = demo.runtimes.includes('webcontainer') ? 'Choosing a runtime… (booting WebContainer can take up to 20 s)' : 'Choosing a runtime…';
    const files = demo.files.map((file) => (paths.includes(file.path) ? { path: file.path, contents: editor.text(file.path) } : file));
    const sink = hideTraceLines(terminal, timeline.start());
    try {
      const exit = await runDemo(
        { ...demo, files },
        {
          sink,
          signal: mine.signal,
          onChoice: (choice) => {
            status.textContent = choice.sentence + serverNote(demo, choice);
          },
          onServerReady: (_port, url) => {
            preview.src = url;
            preview.hidden = false;
          },
        },
      );
      sink.end();
      terminal.write(exitLine(exit));
    } catch (error) {
      if (!mine.signal.aborted) {
        const message = error instanceof NoRuntimeError ? error.message : `The workbench failed: ${(error as Error).message}`;
        status.textContent = message;
        terminal.write(`${RED}${message}${RESET}\n`);
      } else {
        terminal.write(exitLine({ code: null, reason: 'stopped' }));
      }
    } finally {
      if (controller === mine) {
        controller = undefined;
        runButton.disabled = false;
        stopButton.disabled = true;
      }
    }
  };

  // A client-side page move (keep-alive-navigation.ts) takes this workbench away without a
  // pagehide: keep the edits, and stop the run so no process outlives its page (a server would
  // also hold its port against the next page's demo).
  document.addEventListener(
    'astro:before-swap',
    () => {
      store.flush();
      controller?.abort();
    },
    { once: true },
  );

  handOffFocus(runButton, stopButton);
  runButton.addEventListener('click', () => void run());
  stopButton.addEventListener('click', () => {
    controller?.abort();
    runButton.focus();
  });
  resetButton.addEventListener('click', () => {
    store.clear(paths);
    for (const path of paths) editor.setText(path, originals.get(path)!);
    mirror.changed();
  });

  if (options.run) {
    void run();
    // The Run pressed was the static view's, now gone: focus stays on the demo, not the page.
    stopButton.focus();
  } else {
    editor.view.focus();
  }
}
