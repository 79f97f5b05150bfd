// The presenter's notes, larger or smaller: a speaker reads them from a laptop an arm's length
// away, or from a confidence monitor across the stage. The size is a step on a fixed scale,
// kept in localStorage so the next talk starts where the last one ended.

/** Multiples of the notes' base size (1.35rem). */
export const NOTES_SCALES = [0.75, 0.85, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.5] as const;
const DEFAULT_INDEX = NOTES_SCALES.indexOf(1);

/** The part of Storage it uses, so tests pass a stand-in; storage may be off (it throws then). */
export type NotesStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface NotesSizeParts {
  /** Where the scale is set, as --notes-scale. */
  notes: HTMLElement;
  smaller: HTMLButtonElement;
  larger: HTMLButtonElement;
  /** Says the size, as a percentage. */
  label: HTMLElement;
}

export interface NotesSize {
  larger(): void;
  smaller(): void;
  readonly scale: number;
}

function storedIndex(storage: NotesStorage): number {
  let value: string | null = null;
  try {
    value = storage.getItem(STORAGE_KEYS.presenterNotesSize);
  } catch {
    return DEFAULT_INDEX;
  }
  const index = NOTES_SCALES.indexOf(Number(value) as (typeof NOTES_SCALES)[number]);
  return index === -1 ? DEFAULT_INDEX : index;
}

export function bindNotesSize(parts: NotesSizeParts, storage: NotesStorage = localStorage): NotesSize {
  let index = storedIndex(storage);
  const show = () => {
    const scale = NOTES_SCALES[index]!;
    parts.notes.style.setProperty('--notes-scale', String(scale));
    parts.label.textContent = `${Math.round(scale * 100)}%`;
    parts.smaller.disabled = index === 0;
    parts.larger.disabled = index === NOTES_SCALES.length - 1;
  };
  const step = (by: number) => {
    const next = Math.min(NOTES_SCALES.length - 1, Math.max(0, index + by));
    if (next === index) return;
    index = next;
    show();
    try {
      storage.setItem(STORAGE_KEYS.presenterNotesSize, String(NOTES_SCALES[index]));
    } catch {
      // Storage off: the size holds for this window.
    }
  };
  parts.smaller.addEventListener('click', () => step(-1));
  parts.larger.addEventListener('click', () => step(1));
  show();
  return {
    larger: () => step(1),
    smaller: () => step(-1),
    get scale() {
      return NOTES_SCALES[index]!;
    },
  };
}
