import ChatScale from './ChatScale.astro';
import Cite from './Cite.astro';
import CodeFile from './CodeFile.astro';
import CodeMorph from './CodeMorph.astro';
import Compare from './Compare.astro';
import Demo from './Demo.astro';
import Notes from './Notes.astro';
import Picture from './Picture.astro';
import Prose from './Prose.astro';
import RecordedRun from './RecordedRun.astro';
import Slide from './Slide.astro';
import Step from './Step.astro';
import Systems from './Systems.astro';
import DeckCite from './deck/DeckCite.astro';
import DeckCodeMorph from './deck/DeckCodeMorph.astro';
import DeckNotes from './deck/DeckNotes.astro';
import DeckSlide from './deck/DeckSlide.astro';
import Skip from './deck/Skip.astro';

/**
 * What a chapter's MDX may use without importing it, rendered two ways from the same source:
 * the book passes `bookComponents` to each chapter's <Content>, the deck `deckComponents`.
 */
export const bookComponents = { ChatScale, Cite, CodeFile, CodeMorph, Compare, Demo, Notes, Picture, Prose, RecordedRun, Slide, Step, Systems };

export const deckComponents = { ...bookComponents, Cite: DeckCite, CodeMorph: DeckCodeMorph, Notes: DeckNotes, Prose: Skip, Slide: DeckSlide };
