import type { LineGroup } from '../shared/line-steps.ts';
import type { SlideInfo } from './state.ts';

/**
 * The deck's view of the rendered slides. Step actions are, in document order, every <Step> and
 * every part of a picture drawn as a step (one click each), every code block with line steps
 * (one click per group after the first) and every <CodeMorph> (one click per version after the
 * first).
 */
export interface StepAction {
  element: Element;
  /** For code blocks: the line groups; the first is shown before any click. */
  groups?: LineGroup[];
  /** For code that moves: how many versions it has; the first is shown before any click. */
  versions?: number;
}

export function stepActions(slide: HTMLElement): StepAction[] {
  return [...slide.querySelectorAll<HTMLElement | SVGElement>('[data-step], pre[data-line-groups], [data-morph]')].map((element) => {
    if (element.matches('pre')) return { element, groups: JSON.parse(element.dataset['lineGroups']!) as LineGroup[] };
    if (element.dataset['morph'] !== undefined) return { element, versions: Number(element.dataset['morph']) };
    return { element };
  });
}

/** Shows version `shown` of a <CodeMorph>: its label and its code (src/deck/code-morph.ts animates the change). */
function showVersion(morph: Element, shown: number): void {
  morph.setAttribute('data-morph-step', String(shown));
  for (const version of morph.querySelectorAll('[data-version]')) {
    const current = version.getAttribute('data-version') === String(shown);
    version.toggleAttribute('data-current', current);
    // The row of labels says which version a screen reader is hearing.
    if (version.matches('li')) {
      if (current) version.setAttribute('aria-current', 'step');
      else version.removeAttribute('aria-current');
    }
  }
}

/** What the build wrote on each slide: its address, title, steps, and on a chapter's title slide its planned minutes. */
export function readSlides(elements: readonly HTMLElement[]): SlideInfo[] {
  return elements.map((element) => ({
    chapter: element.dataset['chapter'] ?? '',
    n: Number(element.dataset['n'] ?? 0),
    title: element.dataset['title'] ?? '',
    steps: Number(element.dataset['steps'] ?? 0),
    ...(element.dataset['minutes'] === undefined ? {} : { minutes: Number(element.dataset['minutes']) }),
  }));
}

function highlightLines(pre: HTMLElement, group: LineGroup | undefined): void {
  pre.querySelectorAll<HTMLElement>('.line').forEach((line, index) => {
    const lit = group === undefined || group === 'all' || group.includes(index + 1);
    line.classList.toggle('step-line-dim', !lit);
    line.classList.toggle('step-line-lit', lit && group !== 'all' && group !== undefined);
  });
}

/** Shows the first `step` clicks of a slide; `step` = Infinity is its end, as in print: every step revealed, every code morph at its last version. */
export function applySteps(slide: HTMLElement, step: number): void {
  let remaining = step;
  for (const action of stepActions(slide)) {
    if (action.groups) {
      const shown = Math.min(remaining, action.groups.length - 1);
      highlightLines(action.element as HTMLElement, step === Infinity ? undefined : action.groups[shown]);
      remaining -= shown;
    } else if (action.versions !== undefined) {
      const shown = Math.min(remaining, action.versions - 1);
      showVersion(action.element, shown);
      remaining -= shown;
    } else {
      action.element.toggleAttribute('data-revealed', remaining > 0);
      if (remaining > 0) remaining -= 1;
    }
  }
}
