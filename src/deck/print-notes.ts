/**
 * Printing the deck gives one 16:9 page per slide. With `?notes` in the URL, each page grows to
 * hold the speaker notes under its slide.
 */
export function bindPrintNotes(): void {
  if (!new URLSearchParams(location.search).has('notes')) return;
  document.documentElement.toggleAttribute('data-print-notes', true);
  const style = document.createElement('style');
  style.textContent = '@page { size: 1280px 1160px; margin: 0; }';
  document.head.append(style);
}
