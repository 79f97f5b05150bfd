// The reader's edits, per demo and file, in localStorage: saved shortly after each change and
// at once when the page goes away, so a reload never loses what was typed. A save the browser
// refuses (a full quota, storage turned off) is reported, never swallowed: the workbench says so
// and keeps the edit on the page.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface EditsStore {
  /** The saved edit of a file, or undefined if the reader never changed it. */
  load(path: string): string | undefined;
  /** Saves after `delayMs` of quiet; a later change restarts the wait. */
  save(path: string, contents: string): void;
  /** Writes every pending save now (pagehide, before a run). */
  flush(): void;
  /** Forgets every edit of this demo (Reset). */
  clear(paths: readonly string[]): void;
  /** Whether the last write reached storage. */
  readonly saved: boolean;
}

/** Told when saving starts failing (with why), and when a save gets through again. */
export type SaveListener = (failure: string | undefined) => void;

/**
 * Where a demo's edits are kept: the prefix, then the file's path. Demo.astro writes the prefix
 * into the page, so the loader can show a saved edit before any workbench loads.
 */
export const editKeyPrefix = (demoId: string) => `${STORAGE_KEYS.demoEditPrefix}${demoId}:`;
export const editKey = (demoId: string, path: string) => editKeyPrefix(demoId) + path;

/** Why a write failed, in a reader's words. */
function whyNotSaved(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return name === 'QuotaExceededError' ? "this browser's storage for the site is full" : 'this browser does not let the site store it';
}

export function createEditsStore(demoId: string, storage: StorageLike | undefined, delayMs = 300, onSave: SaveListener = () => undefined): EditsStore {
  const pending = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saved = true;
  /** A write to storage, reported when it starts or stops failing. */
  const write = (work: () => void) => {
    let failure: string | undefined;
    try {
      if (!storage) throw new Error('no storage');
      work();
    } catch (error) {
      failure = whyNotSaved(error);
    }
    if (saved !== (failure === undefined)) onSave(failure);
    saved = failure === undefined;
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [path, contents] of pending) write(() => storage!.setItem(editKey(demoId, path), contents));
    pending.clear();
  };
  return {
    get saved() {
      return saved;
    },
    load(path) {
      // Reading may fail too (storage turned off): there is simply no saved edit.
      try {
        return storage?.getItem(editKey(demoId, path)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    save(path, contents) {
      pending.set(path, contents);
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    clear(paths) {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
      // Without storage there is nothing saved to forget.
      if (storage) for (const path of paths) write(() => storage.removeItem(editKey(demoId, path)));
    },
  };
}
