import { describe, expect, it } from 'vitest';
import { bindNotesSize, NOTES_SCALES, type NotesSizeParts, type NotesStorage } from './notes-size.ts';

function parts() {
  const properties = new Map<string, string>();
  const button = () => {
    const listeners: (() => void)[] = [];
    return { disabled: false, addEventListener: (_: string, listener: () => void) => listeners.push(listener), click: () => listeners.forEach((l) => l()) };
  };
  const smaller = button();
  const larger = button();
  const label = { textContent: '' };
  const notes = { style: { setProperty: (name: string, value: string) => properties.set(name, value) } };
  return { parts: { notes, smaller, larger, label } as unknown as NotesSizeParts, properties, smaller, larger, label };
}

const memory = (initial: Record<string, string> = {}): NotesStorage & { values: Record<string, string> } => ({
  values: { ...initial },
  getItem(key) {
    return this.values[key] ?? null;
  },
  setItem(key, value) {
    this.values[key] = value;
  },
});

describe('bindNotesSize', () => {
  it('starts at 100%, steps by the buttons and the keys, and remembers the size', () => {
    const { parts: p, properties, larger, label } = parts();
    const storage = memory();
    const size = bindNotesSize(p, storage);
    expect([properties.get('--notes-scale'), label.textContent]).toEqual(['1', '100%']);
    larger.click();
    size.larger();
    expect([properties.get('--notes-scale'), label.textContent]).toEqual(['1.3', '130%']);
    expect(storage.values['async-talk:presenter-notes-size']).toBe('1.3');
    size.smaller();
    expect(label.textContent).toBe('115%');
    // The next presenter view starts where this one ended.
    const again = parts();
    bindNotesSize(again.parts, storage);
    expect(again.label.textContent).toBe('115%');
  });

  it('stops at the ends of the scale, with that button disabled', () => {
    const { parts: p, smaller, larger, label } = parts();
    const size = bindNotesSize(p, memory());
    for (let i = 0; i < 20; i++) size.larger();
    expect(label.textContent).toBe(`${NOTES_SCALES.at(-1)! * 100}%`);
    expect(larger.disabled).toBe(true);
    for (let i = 0; i < 20; i++) size.smaller();
    expect(label.textContent).toBe(`${NOTES_SCALES[0] * 100}%`);
    expect([smaller.disabled, larger.disabled]).toEqual([true, false]);
  });

  it('starts at 100% from a stored value that is not on the scale, and works with storage off', () => {
    for (const stored of ['huge', '1e9', '-1', '']) {
      const { parts: p, label } = parts();
      bindNotesSize(p, memory({ 'async-talk:presenter-notes-size': stored }));
      expect(label.textContent).toBe('100%');
    }
    const { parts: p, label } = parts();
    const off: NotesStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    const size = bindNotesSize(p, off);
    size.larger();
    expect(label.textContent).toBe('115%');
  });
});
