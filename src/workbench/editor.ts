// The CodeMirror 6 editor: one EditorState per file, swapped in one EditorView when the reader
// changes tab, so each file keeps its own undo history and cursor.
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, minimalSetup } from 'codemirror';
import { highlightActiveLine, highlightActiveLineGutter, lineNumbers } from '@codemirror/view';
import { bracketMatching, HighlightStyle, indentOnInput, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/legacy-modes/mode/javascript';
import { tags } from '@lezer/highlight';

/**
 * Token colours from the site's palette (src/styles/workbench.css), in both themes: CodeMirror's
 * default style is for light pages only and fails contrast on ours.
 */
const highlight = HighlightStyle.define([
  { tag: tags.comment, class: 'wb-tok-comment' },
  { tag: [tags.keyword, tags.operatorKeyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], class: 'wb-tok-keyword' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], class: 'wb-tok-string' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], class: 'wb-tok-literal' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.variableName)], class: 'wb-tok-name' },
  { tag: tags.invalid, class: 'wb-tok-invalid' },
]);

/**
 * The languages are CodeMirror's stream parsers (@codemirror/legacy-modes), not its Lezer
 * grammars: @lezer/javascript's parse tables and @lezer/lr cost about 38 KB gz, a fifth of the
 * workbench, and kept it over its 200 KB budget, while a stream parser highlights and indents a
 * 100-line demo as well. What they lack is a syntax tree, which nothing here uses, and nesting:
 * the CSS and script inside an HTML file are not highlighted.
 * JavaScript, what demos are written in, ships with the editor; HTML and Python are imported only
 * for a file that needs them.
 */
const javascriptLanguage = StreamLanguage.define(javascript);

export async function languageFor(path: string): Promise<Extension> {
  if (path.endsWith('.html')) return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/xml')).html);
  if (path.endsWith('.py')) return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/python')).python);
  return javascriptLanguage;
}

/**
 * minimalSetup (history, selection, default keys) plus what reading and small edits need.
 * Not basicSetup: its autocompletion, search and lint panels cost about a fifth of the
 * workbench's size for little use on a 100-line demo.
 */
const setup = [minimalSetup, lineNumbers(), highlightActiveLine(), highlightActiveLineGutter(), bracketMatching(), indentOnInput()];

export interface FileEditor {
  readonly view: EditorView;
  show(path: string): void;
  text(path: string): string;
  /** Replaces a file's text as one undoable change. */
  setText(path: string, text: string): void;
  destroy(): void;
}

export interface FileEditorOptions {
  parent: HTMLElement;
  files: readonly { path: string; contents: string; editable: boolean }[];
  onChange(path: string, text: string): void;
}

export function createFileEditor({ parent, files, onChange }: FileEditorOptions): FileEditor {
  let current = files[0]!.path;
  const language = new Compartment();
  const stateFor = (path: string, doc: string, editable: boolean) =>
    EditorState.create({
      doc,
      extensions: [
        setup,
        syntaxHighlighting(highlight),
        language.of(path.endsWith('.js') ? javascriptLanguage : []),
        EditorState.readOnly.of(!editable),
        // The editable region is a role=textbox: it needs a name for screen readers (and axe).
        // tabindex: axe (and some browsers) do not count a contenteditable as focusable, so the
        // scrolling editor would look unreachable by keyboard.
        EditorView.contentAttributes.of({ 'aria-label': `${editable ? 'Edit' : 'Read'} ${path}`, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(path, update.state.doc.toString());
        }),
      ],
    });
  const states = new Map(files.map((file) => [file.path, stateFor(file.path, file.contents, file.editable)]));
  const view = new EditorView({ parent, state: states.get(current)! });
  // Files in other languages get their highlighting once its module arrives.
  for (const file of files) {
    if (file.path.endsWith('.js')) continue;
    void languageFor(file.path).then((extension) => {
      const effects = language.reconfigure(extension);
      if (file.path === current) view.dispatch({ effects });
      else states.set(file.path, states.get(file.path)!.update({ effects }).state);
    });
  }

  return {
    view,
    show(path) {
      states.set(current, view.state);
      current = path;
      view.setState(states.get(path)!);
    },
    text(path) {
      return (path === current ? view.state : states.get(path)!).doc.toString();
    },
    setText(path, text) {
      // A change, not a new state, so Ctrl+Z brings back what was there (Reset is undoable).
      const state = path === current ? view.state : states.get(path)!;
      const change = { changes: { from: 0, to: state.doc.length, insert: text } };
      if (path === current) view.dispatch(change);
      else states.set(path, state.update(change).state);
    },
    destroy: () => view.destroy(),
  };
}
