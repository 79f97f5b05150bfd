// The reader's edits, per demo and file, in localStorage: saved shortly after each change and
// at once when the page goes away, so a reload never loses what was typed.

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
}

/**
 * Where a demo's edits are kept: the prefix, then the file's path. Demo.astro writes the prefix
 * into the page, so the loader can show a saved edit before any workbench loads.
 */
export const editKeyPrefix = (demoId: string) => `async-talk:demo-edit:${demoId}:`;
export const editKey = (demoId: string, path: string) => editKeyPrefix(demoId) + path;

export function createEditsStore(demoId: string, storage: StorageLike | undefined, delayMs = 300): EditsStore {
  const pending = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Storage can be missing or throw (private mode, quota): edits then live only in the editor.
  const attempt = (work: () => void) => {
    try {
      work();
    } catch {
      /* nothing to do: the editor still holds the text */
    }
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [path, contents] of pending) attempt(() => storage?.setItem(editKey(demoId, path), contents));
    pending.clear();
  };
  return {
    load(path) {
      let value: string | null | undefined;
      attempt(() => (value = storage?.getItem(editKey(demoId, path))));
      return value ?? undefined;
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
      for (const path of paths) attempt(() => storage?.removeItem(editKey(demoId, path)));
    },
  };
}
