// A slide is read from the back of a room: no slide's body says more than 60 words. Notes are
// the speaker's, and code is read line by line as it is explained, so neither counts; the title
// is not the body. A picture's labels count, as the audience reads them too; its title and
// description (read by screen readers) and its text equivalent (the book's) do not. Counted in
// the built deck, as the audience gets it.
import { expect, test } from '@playwright/test';

const MAX_WORDS = 60;

test(`no slide's body has more than ${MAX_WORDS} words, notes and code aside`, async ({ page }) => {
  await page.goto('/deck/');
  const counts = await page.locator('[data-deck] [data-deck-slide]').evaluateAll((slides) =>
    slides.map((slide) => {
      const body = slide.querySelector('.deck-slide-body')?.cloneNode(true) as HTMLElement | undefined;
      for (const aside of body?.querySelectorAll('.deck-notes, pre, demo-embed, .code-file, script, .picture-words, svg title, svg desc') ?? []) aside.remove();
      // Text node by text node: list items and cells are words apart even where the markup puts
      // nothing between them.
      const texts: string[] = [];
      if (body) for (let walk = document.createTreeWalker(body, NodeFilter.SHOW_TEXT); walk.nextNode(); ) texts.push(walk.currentNode.textContent ?? '');
      const text = texts.join(' ');
      const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
      return { slide: `${(slide as HTMLElement).dataset['chapter']}/${(slide as HTMLElement).dataset['n']} ${(slide as HTMLElement).dataset['title']}`, words };
    }),
  );
  expect(counts.length).toBeGreaterThan(80);
  expect(counts.filter(({ words }) => words > MAX_WORDS)).toEqual([]);
});
