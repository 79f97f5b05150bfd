// The reader's runtime setting: "Run in: best available | WebContainer | Web Worker | recorded
// run". It is one choice for the whole site, stored in localStorage, because what decides it
// is the browser and the network (a venue's Wi-Fi, a locked-down laptop), not the demo. The
// address (?runtime=) still wins over it for one page; run-demo.ts reads both at each Run.
import { RUNTIME_NAMES, type RuntimeId } from '../runtimes/index.ts';

export const RUNTIME_SETTING_KEY = STORAGE_KEYS.runtime;

/** This page's choice, kept in memory too: with storage off (private mode) it lasts for the page. */
let chosenHere: string | null | undefined;

export function savedRuntimeSetting(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string | null {
  if (chosenHere !== undefined) return chosenHere;
  try {
    return storage?.getItem(RUNTIME_SETTING_KEY) ?? null;
  } catch {
    return null;
  }
}

/** A <select> with its label, as the workbench's toolbar shows its settings ("Run in", "Command"). */
export function labelledSelect(id: string, labelText: string, options: readonly HTMLOptionElement[], className = 'wb-runtime-setting'): { wrapper: HTMLElement; select: HTMLSelectElement } {
  const select = document.createElement('select');
  select.id = id;
  select.className = 'wb-runtime-select';
  select.append(...options);
  const label = document.createElement('label');
  label.htmlFor = select.id;
  label.textContent = labelText;
  const wrapper = document.createElement('span');
  wrapper.className = className;
  wrapper.append(label, select);
  return { wrapper, select };
}

/** A labelled <select> over the demo's runtimes; changing it stores the choice at once. */
export function createRuntimeSetting(runtimes: readonly RuntimeId[], idBase: string, storage: Storage | undefined = globalThis.localStorage): HTMLElement {
  const { wrapper, select } = labelledSelect(`${idBase}-runtime`, 'Run in', [new Option('the best available', ''), ...runtimes.map((id) => new Option(RUNTIME_NAMES[id], id))]);
  const saved = savedRuntimeSetting(storage);
  // A setting this demo cannot honour shows as automatic here; the run's sentence explains it.
  select.value = saved && runtimes.includes(saved as RuntimeId) ? saved : '';
  select.addEventListener('change', () => {
    chosenHere = select.value || null;
    try {
      if (select.value) storage?.setItem(RUNTIME_SETTING_KEY, select.value);
      else storage?.removeItem(RUNTIME_SETTING_KEY);
    } catch {
      // Storage can be off (private mode): chosenHere keeps the choice for this page.
    }
  });
  return wrapper;
}
