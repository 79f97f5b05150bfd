import { describe, expect, it } from 'vitest';
import { OUTPUT_TAIL_CHARS } from '../shared/output-tail.ts';
import { createWorkbenchStore, type WorkbenchState } from './state.ts';

const initial: WorkbenchState = {
  running: false,
  status: 'Press Run to run this demo in your browser.',
  note: '',
  runtime: undefined,
  files: [{ path: 'main.js', text: 'x', edited: false }],
  editing: false,
  run: 0,
  output: '',
  truncated: false,
  previewUrl: undefined,
  saveFailure: undefined,
  beforeReset: undefined,
};

describe('the workbench store', () => {
  it('tells each subscriber the new state and the previous one, until it unsubscribes', () => {
    const store = createWorkbenchStore(initial);
    const seen: string[] = [];
    const unsubscribe = store.subscribe((state, previous) => seen.push(`${previous.status} → ${state.status}`));
    store.update({ status: 'Starting a Web Worker…' });
    store.update((state) => ({ status: `${state.status} done` }));
    unsubscribe();
    store.update({ status: 'unheard' });
    expect(seen).toEqual(['Press Run to run this demo in your browser. → Starting a Web Worker…', 'Starting a Web Worker… → Starting a Web Worker… done']);
    expect(store.get().status).toBe('unheard');
  });

  it('hands output on as it comes, and keeps only a plain-text tail in the state', () => {
    const store = createWorkbenchStore(initial);
    const chunks: string[] = [];
    store.subscribeOutput((text) => chunks.push(text));
    store.appendOutput('\x1b[31mred\x1b[0m\n');
    expect(chunks).toEqual(['\x1b[31mred\x1b[0m\n']);
    expect(store.get().output).toBe('red\n');
    for (let i = 0; i < 2000; i++) store.appendOutput(`line ${i}\n`);
    expect(store.get().output.length).toBeLessThanOrEqual(OUTPUT_TAIL_CHARS);
    expect(store.get().output.endsWith('line 1999\n')).toBe(true);
    expect(store.get().truncated).toBe(true);
  });

  it('clear() forgets every listener, so a disposed workbench hears nothing', () => {
    const store = createWorkbenchStore(initial);
    let heard = 0;
    store.subscribe(() => heard++);
    store.subscribeOutput(() => heard++);
    store.clear();
    store.update({ running: true });
    store.appendOutput('late\n');
    expect(heard).toBe(0);
  });
});
