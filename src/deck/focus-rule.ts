/**
 * The focus rule: while an editor, a terminal or a text field has focus, keys belong to it.
 * CodeMirror is contenteditable; xterm.js focuses a textarea; a workbench can also claim keys
 * for a whole region with data-deck-keys="own".
 */
export function keysBelongElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return Boolean(
    target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [data-deck-keys="own"], dialog[open]'),
  );
}

/** What a focused button does with a key itself: press it (Space, Enter), or leave it (Esc). */
const BUTTON_KEYS = new Set([' ', 'Enter', 'Escape']);

/**
 * The rule for one key press. A button on a slide (a demo's Run, Stop, Reset, file tabs, or a
 * file's disclosure) keeps only the keys it uses, even in a region that owns its keys: the rest
 * go to the deck, so a speaker who pressed Run goes on with the clicker (→, PageDown) without
 * pressing Esc first. The deck's own toolbar is not on a slide: there Space stays "next".
 */
export function keyBelongsElsewhere(event: Pick<KeyboardEvent, 'target' | 'key'>): boolean {
  const { target } = event;
  if (target instanceof Element && target.matches('button, summary, [role="tab"]') && target.closest('[data-deck-slide]')) {
    return BUTTON_KEYS.has(event.key);
  }
  return keysBelongElsewhere(target);
}
