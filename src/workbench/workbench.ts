// The workbench: one demo's state (state.ts), the views that render it (code, controls,
// terminal, timeline, preview) and the controller that changes it, with dispose(). It upgrades a
// <demo-embed>'s static view in place when the reader presses Run or reaches for the code; the
// loader in Demo.astro, and nothing else, costs a reader who only reads.
import { createCodeView } from './code-view.ts';
import { createControlsView } from './controls-view.ts';
import { readDemoData, type DemoData } from './demo-data.ts';
import { createEditsStore, editKeyPrefix } from './edits-store.ts';
import { offeredRuntimes, preloadFallbacks, runDemo } from './run-demo.ts';
import { createWorkbenchStore, type FileState } from './state.ts';
import { limitLongLines } from './long-lines.ts';
import { createOutputTerminal } from './terminal.ts';
import { createTimelineView } from './timeline-view.ts';
import { hideTraceLines, TRACE_PREFIX } from './trace-filter.ts';
import type { RunExit } from '../runtimes/index.ts';
import { messageOf } from '../shared/words.ts';

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

function exitLine(exit: RunExit): string {
  if (exit.reason === 'stopped') return `\n${DIM}[stopped]${RESET}\n`;
  if (exit.reason === 'exit' && exit.code === null) return `\n${RED}[${exit.message ?? 'the program was ended by a signal'}]${RESET}\n`;
  if (exit.reason === 'exit') return exit.code === 0 ? `\n${DIM}[exited with code 0]${RESET}\n` : `\n${RED}[exited with code ${exit.code}]${RESET}\n`;
  return `\n${RED}[could not run: ${exit.message ?? exit.reason}]${RESET}\n`;
}

export interface Workbench {
  run(): Promise<void>;
  stop(): void;
  /** Opens the editor, on `path` if given (the file the reader reached for). */
  edit(path?: string): Promise<void>;
  reset(): Promise<void>;
  /** Brings back the edits Reset replaced (until the next edit). */
  undoReset(): Promise<void>;
  /** Copies the code as edited to the clipboard (offered when it cannot be saved). */
  copyCode(): Promise<void>;
  /** Stops the run, saves the edits, and releases every view, listener and observer. */
  dispose(): void;
}

/** The page's localStorage, or undefined where reaching it throws (storage turned off). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function mirrorOnSlide(root: HTMLElement, demo: string, store: ReturnType<typeof createWorkbenchStore>): () => void {
  if (!root.closest('[data-deck-slide]')) return () => undefined;
  let disposed = false;
  let stop: (() => void) | undefined;
  void import('./mirror.ts').then(({ mirrorWorkbench }) => {
    if (!disposed) stop = mirrorWorkbench(root, demo, store);
  });
  return () => {
    disposed = true;
    stop?.();
  };
}

export function mountWorkbench(root: HTMLElement): Workbench {
  const demo: DemoData = readDemoData(root);
  const uid = `wb-${demo.id}`;
  const originals = new Map(demo.files.map((file) => [file.path, file.contents]));
  const storage = pageStorage();
  // The store is made below; a failure reported before then cannot happen (nothing is saved yet).
  const edits = createEditsStore(demo.id, storage, 300, (saveFailure) => store.update({ saveFailure }));
  const paths = demo.editable.filter((path) => originals.has(path));
  const files: FileState[] = paths.map((path) => {
    const saved = edits.load(path);
    return { path, text: saved ?? originals.get(path)!, edited: saved !== undefined && saved !== originals.get(path) };
  });
  const store = createWorkbenchStore({
    running: false,
    status: 'Press Run to run this demo in your browser.',
    note: '',
    runtime: undefined,
    files,
    editing: false,
    run: 0,
    output: '',
    truncated: false,
    previewUrl: undefined,
    saveFailure: undefined,
    beforeReset: undefined,
  });
  const cleanups: (() => void)[] = [];
  let controller: AbortController | undefined;
  /** The command Run uses: the demo's own, or a variant the reader chose (with its own recording). */
  const commands = [{ label: '', command: demo.command, transcriptUrl: demo.transcriptUrl }, ...(demo.variants ?? [])];
  let chosen = commands[0]!;

  // ----- the controller's actions -----
  const setFile = (path: string, text: string) => {
    const edited = text !== originals.get(path);
    if (edited) edits.save(path, text);
    else edits.clear([path]);
    // An edit after Reset makes that Reset final: there is no going back over it.
    store.update(({ files }) => ({ files: files.map((file) => (file.path === path ? { path, text, edited } : file)), beforeReset: undefined }));
  };

  /** Shows `text` for `path` as another window saved it, through the editor so Ctrl+Z undoes it. */
  const adoptFromElsewhere = async (path: string, text: string) => {
    const editor = await code.edit({ focus: false }).catch(editorFailed);
    if (!editor || editor.text(path) === text) return;
    editor.setText(path, text);
    store.update({ note: `${path} was changed in another window, and this one now shows that version (Ctrl+Z in the editor brings back what was here).` });
  };
  const prefix = editKeyPrefix(demo.id);
  const onStorage = (event: StorageEvent) => {
    if (event.storageArea !== storage || !event.key?.startsWith(prefix)) return;
    const path = event.key.slice(prefix.length);
    const original = originals.get(path);
    if (original === undefined || !paths.includes(path)) return;
    // Removed there (Reset) means the original here too.
    const theirs = event.newValue ?? original;
    if (store.get().files.find((file) => file.path === path)?.text !== theirs) void adoptFromElsewhere(path, theirs);
  };

  const editorFailed = (error: unknown) => store.update({ note: `The editor could not be loaded (${messageOf(error)}); your code is unchanged. Try again.` });

  const workbench: Workbench = {
    async run() {
      controller?.abort();
      const mine = (controller = new AbortController());
      edits.flush();
      store.update(({ run }) => ({ running: true, run: run + 1, output: '', truncated: false, previewUrl: undefined, note: '', status: 'Choosing a runtime…' }));
      const toRun = { ...demo, command: chosen.command, transcriptUrl: chosen.transcriptUrl, files: demo.files.map((file) => ({ path: file.path, contents: store.get().files.find((f) => f.path === file.path)?.text ?? file.contents })) };
      const sink = hideTraceLines({ write: (text) => store.appendOutput(text) }, timeline.start());
      try {
        const result = await runDemo({
          demo: toRun,
          signal: mine.signal,
          sink,
          // The terminal may skip part of a flood; the timeline must get every event.
          keepLinesStartingWith: TRACE_PREFIX,
          onProgress: (status) => controller === mine && store.update({ status }),
          // A note about an earlier boot is stale once a runtime runs this one.
          onRunning: (runtime, status) => controller === mine && store.update({ runtime, status, note: '' }),
          onServerReady: (_port, url) => controller === mine && store.update({ previewUrl: url }),
          onBootSettled: (_id, _ok, note) => store.update({ note }),
        });
        // A Run pressed again took over: what this one says would overwrite the new run's.
        if (controller !== mine) return;
        sink.end();
        store.update({ status: result.sentence });
        const ranOrStopped = result.ran !== undefined || result.exit.reason === 'stopped';
        store.appendOutput(ranOrStopped ? exitLine(result.exit) : `${RED}${result.sentence}${RESET}\n`);
      } catch (error) {
        if (controller === mine) store.update({ status: `The workbench failed: ${messageOf(error)}` });
      } finally {
        if (controller === mine) {
          controller = undefined;
          store.update({ running: false });
        }
      }
    },
    stop() {
      controller?.abort();
    },
    async edit(path) {
      await code.edit({ path }).catch(editorFailed);
    },
    async reset() {
      // Through the editor, so Ctrl+Z brings the edit back; it takes the focus, as Reset is
      // disabled once nothing is edited. "Undo reset" stays until the next edit.
      const before = store.get().files;
      const editor = await code.edit().catch(editorFailed);
      if (!editor) return;
      for (const path of paths) if (editor.text(path) !== originals.get(path)) editor.setText(path, originals.get(path)!);
      edits.clear(paths);
      store.update(({ files }) => ({ files: files.map((file) => ({ ...file, text: originals.get(file.path)!, edited: false })), beforeReset: before }));
    },
    async undoReset() {
      const before = store.get().beforeReset;
      const editor = before && (await code.edit({ focus: false }).catch(editorFailed));
      if (!before || !editor) return;
      for (const file of before) if (editor.text(file.path) !== file.text) editor.setText(file.path, file.text);
      edits.flush();
      store.update({ beforeReset: undefined });
    },
    async copyCode() {
      const { files } = store.get();
      const text = files.length === 1 ? files[0]!.text : files.map((file) => `// ${file.path}\n${file.text}`).join('\n');
      const copied = await navigator.clipboard?.writeText(text).then(
        () => true,
        () => false,
      );
      store.update({ note: copied ? 'Your code is copied: paste it somewhere safe.' : 'The browser did not let the page copy: select the code in the editor and copy it yourself.' });
    },
    dispose() {
      controller?.abort();
      edits.flush();
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
      store.clear();
    },
  };

  // ----- the views -----
  const staticView = root.querySelector<HTMLElement>('.demo-static');
  const code = createCodeView({
    store,
    uid,
    title: demo.title,
    staticFiles: [...(staticView?.querySelectorAll<HTMLElement>('.demo-file') ?? [])],
    onChange: setFile,
    // Esc in the editor: to Run, or to Stop while a run is under way.
    onLeave: () => (store.get().running ? controls.stopButton : controls.runButton).focus(),
    onError: editorFailed,
  });
  const controls = createControlsView(
    store,
    offeredRuntimes(demo),
    uid,
    {
      run: () => void workbench.run(),
      stop: () => workbench.stop(),
      edit: () => void workbench.edit(),
      reset: () => void workbench.reset(),
      undoReset: () => void workbench.undoReset(),
      copyCode: () => void workbench.copyCode(),
      chooseCommand: (index) => (chosen = commands[index] ?? commands[0]!),
    },
    commands,
  );
  const terminalBox = document.createElement('div');
  terminalBox.className = 'wb-terminal';
  const output = document.createElement('section');
  output.className = 'wb-output';
  output.setAttribute('aria-label', `Output of ${demo.title}`);
  output.append(terminalBox);
  const preview = document.createElement('iframe');
  preview.className = 'wb-preview';
  preview.title = `Preview of ${demo.title}`;
  preview.hidden = true;
  const timeline = createTimelineView({ title: demo.title, idPrefix: uid });
  const header = document.createElement('header');
  header.className = 'demo-header';
  header.innerHTML = '<span class="demo-kicker">Demo</span> <span class="demo-title"></span>';
  header.querySelector('.demo-title')!.textContent = demo.title;

  const section = document.createElement('section');
  section.className = 'workbench';
  section.setAttribute('aria-label', `Demo: ${demo.title}`);
  // Keys typed here belong to the editor, never to the deck (src/deck/focus-rule.ts).
  section.dataset['deckKeys'] = 'own';
  section.append(header, code.element, controls.toolbar, controls.status, output, timeline.element, preview);
  if (staticView) staticView.replaceWith(section);
  else root.append(section);

  const terminal = createOutputTerminal(terminalBox);
  const terminalLines = limitLongLines((text) => terminal.write(text));
  cleanups.push(
    () => terminal.destroy(),
    () => timeline.destroy(),
    () => code.destroy(),
    () => controls.destroy(),
    store.subscribeOutput((text) => terminalLines.write(text)),
    store.subscribe((state, previous) => {
      if (state.run !== previous.run) {
        terminal.clear();
        terminalLines.reset();
      }
      if (state.previewUrl !== previous.previewUrl) {
        preview.hidden = state.previewUrl === undefined;
        if (state.previewUrl) preview.src = state.previewUrl;
        else preview.removeAttribute('src');
      }
    }),
    // On a slide, the presenter view mirrors this workbench. Loaded there only: a book page has
    // no presenter view, and the workbench's first Run has a budget.
    mirrorOnSlide(root, demo.id, store),
  );
  preloadFallbacks(demo);
  const saveEdits = () => edits.flush();
  // An edit that could not be saved would be lost with the page: the browser asks first.
  const keepUnsaved = (event: BeforeUnloadEvent) => {
    edits.flush();
    if (!edits.saved && store.get().files.some((file) => file.edited)) event.preventDefault();
  };
  addEventListener('pagehide', saveEdits);
  addEventListener('beforeunload', keepUnsaved);
  addEventListener('storage', onStorage);
  cleanups.push(
    () => removeEventListener('pagehide', saveEdits),
    () => removeEventListener('beforeunload', keepUnsaved),
    () => removeEventListener('storage', onStorage),
  );
  return workbench;
}
