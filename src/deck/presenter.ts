import type { Deck } from './deck.ts';
import type { SlideInfo } from './state.ts';
import { describePacing, formatDuration, pacing } from './pacing.ts';
import { applySteps } from './slide-dom.ts';
import { Stopwatch } from './stopwatch.ts';

interface PresenterParts {
  next: HTMLElement;
  nextLabel: HTMLElement;
  notes: HTMLElement;
  position: HTMLElement;
  elapsed: HTMLElement;
  clock: HTMLElement;
  pace: HTMLElement;
  startPause: HTMLButtonElement;
  reset: HTMLButtonElement;
}

/** Chapter starts and planned minutes: the chapter title slides, as the deck read them. */
function chapterPlan(slides: readonly SlideInfo[]) {
  const starts: number[] = [];
  const minutes: number[] = [];
  slides.forEach((slide, index) => {
    if (slide.minutes === undefined) return;
    starts.push(index);
    minutes.push(slide.minutes);
  });
  return { starts, minutes };
}

/**
 * The presenter view around a running deck: next slide (a static copy: nothing in it runs),
 * notes, stopwatch, clock, and pacing against each chapter's planned minutes.
 */
export function bindPresenter(deck: Deck, slides: readonly HTMLElement[], parts: PresenterParts): void {
  const plan = chapterPlan(deck.slides);
  const stopwatch = new Stopwatch(localStorage);

  const renderSlides = () => {
    const { slide, step } = deck.state;
    const info = deck.current!;
    parts.position.textContent = `Slide ${slide + 1} of ${slides.length} · step ${step} of ${info.steps}`;

    const next = slides[slide + 1];
    if (next) {
      const copy = next.cloneNode(true) as HTMLElement;
      copy.hidden = false;
      copy.removeAttribute('data-current');
      copy.setAttribute('aria-hidden', 'true');
      copy.inert = true;
      // The slide itself is in this page too: its copy must not repeat its ids. A picture's
      // arrowheads are markers found by id, so the copy's are renamed rather than lost.
      for (const marker of copy.querySelectorAll('marker[id]')) {
        const renamed = `${marker.id}-next`;
        for (const user of copy.querySelectorAll(`[marker-end="url(#${marker.id})"]`)) user.setAttribute('marker-end', `url(#${renamed})`);
        marker.id = renamed;
      }
      for (const element of copy.querySelectorAll('[id]:not(marker)')) element.removeAttribute('id');
      // A code morph the deck has animated shows its static first version in the copy.
      copy.querySelectorAll('.code-morph-stage, script[data-morph-tokens]').forEach((element) => element.remove());
      copy.querySelectorAll('[data-morph-animated]').forEach((element) => element.removeAttribute('data-morph-animated'));
      applySteps(copy, 0);
      parts.next.replaceChildren(copy);
      const stepsLeft = info.steps - step;
      parts.nextLabel.textContent =
        `Next: ${next.dataset['title'] ?? ''}` + (stepsLeft > 0 ? ` (after ${stepsLeft} more ${stepsLeft === 1 ? 'step' : 'steps'})` : '');
    } else {
      parts.next.replaceChildren();
      parts.nextLabel.textContent = 'Next: end of the talk';
    }

    const notes = slides[slide]!.querySelector('[data-notes]');
    if (notes) parts.notes.replaceChildren(...[...notes.childNodes].map((node) => node.cloneNode(true)));
    else parts.notes.textContent = 'No notes for this slide.';
    renderTime();
  };

  const renderTime = () => {
    const elapsedMs = stopwatch.elapsed();
    parts.elapsed.textContent = formatDuration(elapsedMs);
    parts.clock.textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    parts.startPause.textContent = stopwatch.running ? 'Pause' : elapsedMs > 0 ? 'Resume' : 'Start';

    const { slide } = deck.state;
    const chapter = Math.max(0, plan.starts.findLastIndex((start) => start <= slide));
    const start = plan.starts[chapter] ?? 0;
    const end = plan.starts[chapter + 1] ?? slides.length;
    const result = pacing({ minutes: plan.minutes, chapter, withinChapter: (slide - start) / (end - start), elapsedMs });
    parts.pace.textContent =
      `Chapter ${chapter + 1} of ${plan.minutes.length} (${plan.minutes[chapter] ?? 0} min) · ` +
      `planned ${formatDuration(result.plannedMs)} of ${formatDuration(result.totalMs)} · ` +
      (elapsedMs > 0 ? describePacing(result.behindMs) : 'timer not started');
  };

  parts.startPause.addEventListener('click', () => {
    stopwatch.toggle();
    renderTime();
  });
  parts.reset.addEventListener('click', () => {
    stopwatch.reset();
    renderTime();
  });
  deck.subscribe(renderSlides);
  renderSlides();
  setInterval(renderTime, 500);
}
