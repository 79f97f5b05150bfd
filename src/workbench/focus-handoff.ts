// Run and Stop take turns being disabled. A focused button that becomes disabled drops focus to
// the page, so a keyboard user would Tab back from the top of the page after every run (and in
// the deck, land somewhere on the slide). The other button takes the focus instead.

/** Hands focus between two buttons whenever the focused one is disabled. */
export function handOffFocus(first: HTMLButtonElement, second: HTMLButtonElement): void {
  // Which of the two has focus, kept through the blur that disabling causes: by the time the
  // mutation is seen, the browser may already have moved focus to <body>.
  let focused: HTMLButtonElement | undefined;
  for (const button of [first, second]) {
    button.addEventListener('focus', () => (focused = button));
    // Blurred while enabled: the reader moved on, and the focus is theirs to place.
    button.addEventListener('blur', () => !button.disabled && (focused = undefined));
  }
  const observer = new MutationObserver(() => {
    const other = focused === first ? second : first;
    if (!focused?.disabled || other.disabled || !other.isConnected) return;
    const active = document.activeElement;
    if (active === focused || active === document.body || active === null) other.focus();
  });
  for (const button of [first, second]) observer.observe(button, { attributes: true, attributeFilter: ['disabled'] });
}
