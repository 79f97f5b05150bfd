// One workbench's state, and the only place it lives: the controller changes it, the views and
// the presenter mirror subscribe to it. Nothing reads the state back from the DOM.
import { appendTail, plainText } from '../shared/output-tail.ts';
import type { RuntimeId } from '../runtimes/index.ts';

export interface FileState {
  path: string;
  text: string;
  /** It differs from the demo's original, and is saved in this browser. */
  edited: boolean;
}

export interface WorkbenchState {
  /** A run is under way: choosing a runtime, booting one, or running. */
  running: boolean;
  /** What the page says now: what it is doing, then which runtime ran and why. */
  status: string;
  /** A later note on the status, such as a boot that finished in the background. */
  note: string;
  /** The runtime that runs (or last ran) the demo. */
  runtime: RuntimeId | undefined;
  files: readonly FileState[];
  /** The editor has loaded (until then the code is the page's own highlighted view). */
  editing: boolean;
  /** Counts runs: a new value means a new run, and a cleared terminal. */
  run: number;
  /** The tail of this run's output, trace lines hidden (for the mirror, not the terminal). */
  output: string;
  /** Earlier output was dropped from the tail. */
  truncated: boolean;
  /** Where the preview iframe points, for a server that is serving. */
  previewUrl: string | undefined;
  /** Why the edits could not be saved (a full storage quota), while they cannot. */
  saveFailure: string | undefined;
  /** The files as they were before Reset, until the next edit: what "Undo reset" brings back. */
  beforeReset: readonly FileState[] | undefined;
}

export type Listener<T> = (value: T, previous: T) => void;

export interface WorkbenchStore {
  get(): WorkbenchState;
  update(patch: Partial<WorkbenchState> | ((state: WorkbenchState) => Partial<WorkbenchState>)): void;
  /** Calls `listener` on every change from now on; returns how to stop. */
  subscribe(listener: Listener<WorkbenchState>): () => void;
  /** Output as it arrives, for the terminal; the tail is kept in the state. */
  appendOutput(text: string): void;
  subscribeOutput(listener: (text: string) => void): () => void;
  /** Forgets every listener (the workbench is going away). */
  clear(): void;
}

export function createWorkbenchStore(initial: WorkbenchState): WorkbenchStore {
  let state = initial;
  const listeners = new Set<Listener<WorkbenchState>>();
  const outputListeners = new Set<(text: string) => void>();
  const store: WorkbenchStore = {
    get: () => state,
    update(patch) {
      const previous = state;
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    appendOutput(text) {
      for (const listener of [...outputListeners]) listener(text);
      store.update(({ output, truncated }) => {
        const next = appendTail(output, plainText(text));
        return { output: next.tail, truncated: truncated || next.cut };
      });
    },
    subscribeOutput(listener) {
      outputListeners.add(listener);
      return () => outputListeners.delete(listener);
    },
    clear() {
      listeners.clear();
      outputListeners.clear();
    },
  };
  return store;
}
