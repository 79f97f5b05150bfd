import Cite from './Cite.astro';
import CodeFile from './CodeFile.astro';
import Compare from './Compare.astro';
import Notes from './Notes.astro';
import Slide from './Slide.astro';
import Step from './Step.astro';

/**
 * What a chapter's MDX may use without importing it. The book passes this map to each
 * chapter's <Content>; the deck will pass its own renderings of the same names.
 */
export const bookComponents = { Cite, CodeFile, Compare, Notes, Slide, Step };
