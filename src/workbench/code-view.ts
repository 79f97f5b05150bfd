// The workbench's code: until the reader edits, the page's own highlighted files (rendered at
// build time by Demo.astro, with a saved edit already shown by the loader), so Run alone never
// loads an editor. Focusing the code, or "Edit code", loads CodeMirror (editor.ts, its own chunk)
// and puts it in their place, with one tab per file.
import type { FileEditor } from './editor.ts';
import type { WorkbenchStore } from './state.ts';

export interface CodeView {
  readonly element: HTMLElement;
  /** Loads the editor (once) and shows it, on `path` if given; resolves when it is there. */
  edit(options?: { focus?: boolean; path?: string | undefined }): Promise<FileEditor>;
  destroy(): void;
}

export interface CodeViewOptions {
  store: WorkbenchStore;
  uid: string;
  title: string;
  /** The page's static file views (details.demo-file), moved here as they are. */
  staticFiles: readonly HTMLElement[];
  /** A change typed in the editor. */
  onChange(path: string, text: string): void;
  /** Esc in the editor: where focus goes, so a keyboard user is never trapped in it. */
  onLeave(): void;
  /** The editor's code could not be loaded (offline, a new deploy). */
  onError(error: unknown): void;
}

export function createCodeView(options: CodeViewOptions): CodeView {
  const { store, uid } = options;
  const element = document.createElement('div');
  element.className = 'wb-code';
  element.append(...options.staticFiles);
  let loading: Promise<FileEditor> | undefined;
  let editor: FileEditor | undefined;
  let unsubscribe: (() => void) | undefined;
  let destroyed = false;
  /** The file the reader reached for, so the editor opens on it. */
  let firstPath: string | undefined;

  const mount = (module: typeof import('./editor.ts')): FileEditor => {
    const files = store.get().files;
    const tabs = document.createElement('div');
    tabs.className = 'wb-tabs';
    tabs.setAttribute('role', 'tablist');
    tabs.setAttribute('aria-label', `Files of ${options.title}`);
    const box = document.createElement('div');
    box.className = 'wb-editor';
    box.id = `${uid}-editor`;
    box.setAttribute('role', 'tabpanel');
    const made = module.createFileEditor({
      parent: box,
      files: files.map((file) => ({ path: file.path, contents: file.text, editable: true })),
      onChange: options.onChange,
    });
    const tabButtons = files.map((file, index) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.id = `${uid}-tab-${index}`;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', box.id);
      const mark = document.createElement('span');
      mark.className = 'wb-edited';
      mark.textContent = ' · edited';
      tab.append(file.path, mark);
      tab.addEventListener('click', () => select(index));
      tabs.append(tab);
      return { tab, mark };
    });
    const select = (index: number) => {
      tabButtons.forEach(({ tab }, i) => {
        tab.setAttribute('aria-selected', String(i === index));
        tab.tabIndex = i === index ? 0 : -1;
      });
      box.setAttribute('aria-labelledby', tabButtons[index]!.tab.id);
      made.show(files[index]!.path);
    };
    select(Math.max(0, files.findIndex((file) => file.path === firstPath)));
    // Arrow keys move between the tabs (only the selected one is in the Tab order).
    tabs.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      const at = tabButtons.findIndex(({ tab }) => tab === document.activeElement);
      if (step === undefined || at === -1) return;
      event.preventDefault();
      const next = (at + step + files.length) % files.length;
      select(next);
      tabButtons[next]!.tab.focus();
    });
    const showEdited = () => store.get().files.forEach((file, i) => (tabButtons[i]!.mark.hidden = !file.edited));
    showEdited();
    unsubscribe = store.subscribe((state, previous) => state.files !== previous.files && showEdited());
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        made.view.contentDOM.blur();
        options.onLeave();
      }
    });
    element.replaceChildren(tabs, box);
    return made;
  };

  const view: CodeView = {
    element,
    edit({ focus = true, path } = {}) {
      firstPath ??= path;
      loading ??= import('./editor.ts').then((module) => {
        if (destroyed) throw new Error('the workbench has gone');
        editor = mount(module);
        store.update({ editing: true });
        return editor;
      });
      loading.catch(() => (loading = undefined));
      return loading.then((made) => {
        if (focus) made.view.focus();
        return made;
      });
    },
    destroy() {
      destroyed = true;
      unsubscribe?.();
      editor?.destroy();
    },
  };

  // The reader reaching for the code (a click or Tab into a file) means editing it.
  element.addEventListener('focusin', (event) => {
    const file = (event.target as Element).closest('pre') && (event.target as Element).closest<HTMLElement>('[data-path]');
    if (editor || !file) return;
    firstPath = file.dataset['path'];
    void view.edit().catch(options.onError);
  });
  return view;
}
