import type { Deck } from './deck.ts';

/** Finds a slide by its 1-based number or by words of its title. */
export function findSlide(titles: readonly string[], query: string): number | undefined {
  const text = query.trim().toLowerCase();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) {
    const index = Number(text) - 1;
    return index >= 0 && index < titles.length ? index : undefined;
  }
  const index = titles.findIndex((title) => title.toLowerCase().includes(text));
  return index === -1 ? undefined : index;
}

/** The `g` dialog. A query that matches nothing keeps the dialog open and says so. */
export function bindGoTo(deck: Deck, dialog: HTMLDialogElement): () => void {
  const input = dialog.querySelector('input')!;
  const error = dialog.querySelector<HTMLElement>('[data-deck-goto-error]')!;
  const titles = deck.slides.map((slide) => slide.title);
  dialog.querySelector('datalist')!.replaceChildren(
    ...titles.map((title) => Object.assign(document.createElement('option'), { value: title })),
  );
  dialog.querySelector('form')!.addEventListener('submit', (event) => {
    if (event.submitter?.getAttribute('value') === 'cancel') return;
    const target = findSlide(titles, input.value);
    if (target === undefined) {
      event.preventDefault();
      error.textContent = `No slide matches “${input.value}”. Type a number from 1 to ${titles.length}, or words from a title.`;
      return;
    }
    deck.goTo(target);
  });
  return () => {
    error.textContent = '';
    input.value = '';
    dialog.showModal();
  };
}
