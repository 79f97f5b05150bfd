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
