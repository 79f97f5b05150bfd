// Run, Stop, Edit code, Reset, the "Run in" setting and the status line, rendered from the
// workbench's state. Run and Stop take turns being disabled; the one about to be disabled hands
// its focus to the other first, so a keyboard user (or a clicker on a slide) stays on the demo.
import type { RuntimeId } from '../runtimes/index.ts';
import { createRuntimeSetting, labelledSelect } from './runtime-setting.ts';
import type { WorkbenchState, WorkbenchStore } from './state.ts';

export interface ControlsView {
  readonly toolbar: HTMLElement;
  readonly status: HTMLElement;
  readonly runButton: HTMLButtonElement;
  readonly stopButton: HTMLButtonElement;
  destroy(): void;
}

export interface ControlsActions {
  run(): void;
  stop(): void;
  edit(): void;
  reset(): void;
  undoReset(): void;
  copyCode(): void;
  /** The reader chose another command (a variant, such as `--blocking`): its index, 0 for the demo's own. */
  chooseCommand?(index: number): void;
}

/** The demo's commands, when it has variants (many-clients' `--blocking`): shown on slides too, unlike "Run in". */
function commandSetting(commands: readonly { command: string; label: string }[], uid: string, choose: (index: number) => void): HTMLElement {
  const options = commands.map(({ command, label }, index) => new Option(label ? `${command} (${label})` : command, String(index)));
  const { wrapper, select } = labelledSelect(`${uid}-command`, 'Command', options, 'wb-runtime-setting wb-command-setting');
  select.addEventListener('change', () => choose(Number(select.value)));
  return wrapper;
}

function button(text: string, className = 'wb-button'): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = className;
  node.textContent = text;
  return node;
}

export function createControlsView(
  store: WorkbenchStore,
  runtimes: readonly RuntimeId[],
  uid: string,
  actions: ControlsActions,
  commands: readonly { command: string; label: string }[] = [],
): ControlsView {
  const runButton = button('Run', 'wb-button wb-run');
  const stopButton = button('Stop');
  const editButton = button('Edit code');
  const resetButton = button('Reset');
  // Reset asks nothing (no dialog in a speaker's way); this stays until the next edit instead.
  const undoResetButton = button('Undo reset');
  const copyButton = button('Copy code');
  runButton.addEventListener('click', actions.run);
  stopButton.addEventListener('click', actions.stop);
  editButton.addEventListener('click', actions.edit);
  resetButton.addEventListener('click', actions.reset);
  undoResetButton.addEventListener('click', () => {
    // The button goes once the edits are back: focus moves to Reset, which they enable again.
    resetButton.disabled = false;
    resetButton.focus();
    actions.undoReset();
  });
  copyButton.addEventListener('click', actions.copyCode);
  const toolbar = document.createElement('div');
  toolbar.className = 'wb-toolbar';
  toolbar.append(runButton, stopButton, editButton, resetButton, undoResetButton, copyButton);
  if (commands.length > 1 && actions.chooseCommand) toolbar.append(commandSetting(commands, uid, actions.chooseCommand));
  toolbar.append(createRuntimeSetting(runtimes, uid));

  const status = document.createElement('p');
  status.className = 'wb-runtime';
  status.setAttribute('aria-live', 'polite');
  const sentence = document.createElement('span');
  const note = document.createElement('span');
  note.className = 'wb-note';
  const unsaved = document.createElement('span');
  unsaved.className = 'wb-note wb-unsaved';
  status.append(sentence, note, unsaved);

  const render = (state: WorkbenchState) => {
    const focused = document.activeElement;
    const next = state.running ? stopButton : runButton;
    if (focused === (state.running ? runButton : stopButton)) {
      next.disabled = false;
      next.focus();
    }
    runButton.disabled = state.running;
    stopButton.disabled = !state.running;
    editButton.hidden = state.editing;
    resetButton.disabled = !state.files.some((file) => file.edited);
    undoResetButton.hidden = state.beforeReset === undefined;
    copyButton.hidden = state.saveFailure === undefined;
    const unsavedText = state.saveFailure
      ? ` Your edits are not saved: ${state.saveFailure}. They stay on this page while it is open; Copy code keeps them elsewhere.`
      : '';
    if (unsaved.textContent !== unsavedText) unsaved.textContent = unsavedText;
    if (sentence.textContent !== state.status) sentence.textContent = state.status;
    const noteText = state.note ? ` ${state.note}` : '';
    if (note.textContent !== noteText) note.textContent = noteText;
  };
  render(store.get());
  const unsubscribe = store.subscribe(render);
  return { toolbar, status, runButton, stopButton, destroy: unsubscribe };
}
