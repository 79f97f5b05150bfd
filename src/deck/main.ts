import { bindAnnouncer } from './announcer.ts';
import { bindBlackout } from './blackout.ts';
import { bindCodeMorphs } from './code-morph-loader.ts';
import { Deck } from './deck.ts';
import { bindDeckTheme } from './deck-theme.ts';
import { bindGoTo } from './dialogs.ts';
import { bindKeyboard, type ActionHandlers } from './keyboard.ts';
import { Overview } from './overview.ts';
import { readSlides } from './slide-dom.ts';
import { bindSlideView } from './slide-view.ts';
import { bindTouch } from './touch.ts';
import { bindUrlSync } from './url-sync.ts';
import { bindWindowSync } from './window-sync.ts';

/**
 * Starts the deck on a page rendered by DeckLayout: one Deck state, and a small controller per
 * concern around it. Returns the deck so the presenter view can add its own parts.
 */
export function startDeck(
  root: HTMLElement,
  extra: ActionHandlers = {},
): { deck: Deck; slides: HTMLElement[]; actions: ActionHandlers } {
  const slides = [...root.querySelectorAll<HTMLElement>('[data-deck-slide]')];
  const deck = new Deck(readSlides(slides));
  const overview = new Overview(deck, root, slides);
  const theme = bindDeckTheme([...document.querySelectorAll<HTMLInputElement>('input[name="deck-theme"]')]);
  const help = document.querySelector<HTMLDialogElement>('[data-deck-help]')!;

  bindUrlSync(deck);
  bindSlideView(deck, slides);
  bindCodeMorphs(deck, slides);
  bindAnnouncer(deck, document.querySelector('[data-deck-announcer]')!);
  bindBlackout(deck, document.querySelector<HTMLElement>('[data-deck-blackout]')!);
  bindWindowSync(deck);
  bindTouch(deck, root);
  const actions: ActionHandlers = {
    next: () => deck.next(),
    previous: () => deck.previous(),
    overview: () => overview.toggle(),
    goto: bindGoTo(deck, document.querySelector('[data-deck-goto]')!),
    help: () => help.showModal(),
    theme: theme.cycle,
    fullscreen: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    },
    presenter: () => {
      // import.meta.env, not site-base.ts: see src/book/search.ts.
      // noopener: a window with no tie to this one gets a process of its own, so an audience
      // window that crashes (a demo, a projector driver) leaves the speaker's view running. It
      // cannot be brought back by name either, so a new one opens and the older closes itself
      // (src/deck/single-presenter.ts).
      open(`${import.meta.env.BASE_URL}deck/presenter/${location.hash}`, STORAGE_KEYS.presenterWindow, 'noopener');
    },
    ...extra,
  };
  bindKeyboard(deck, actions, root);
  root.toggleAttribute('data-ready', true);
  return { deck, slides, actions };
}
