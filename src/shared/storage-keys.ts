// Every name the site keeps something under in the reader's browser (localStorage,
// sessionStorage, BroadcastChannel, a named window), in one place so no two collide and none is
// written twice. tests/build/storage-keys.spec.ts holds the code to it.
//
// Browser code does not import this module: one imported by the book's, the deck's and the
// workbench's scripts alike becomes a chunk of its own, one more request and 0.2 KB on every
// book page. It writes `STORAGE_KEYS.<name>` instead, and the build (Vite's and esbuild's
// `define`, from storageKeyDefines) puts each name in as a plain string. Inline scripts that no
// bundler reads get theirs through Astro's define:vars.

export const STORAGE_KEYS = {
  /** localStorage: the book's theme, "light" or "dark" (none: the system's). */
  theme: 'async-talk:theme',
  /** localStorage: the deck's theme, "light" or "contrast" (none: dark). */
  deckTheme: 'async-talk:deck-theme',
  /** localStorage, then the chapter's slug: how far through it the reader has scrolled. */
  progressPrefix: 'async-talk:progress:',
  /** localStorage, then "<demo id>:<file path>": a reader's edit of a demo's file. */
  demoEditPrefix: 'async-talk:demo-edit:',
  /** localStorage: the workbench's "Run in" setting. */
  runtime: 'async-talk:runtime',
  /** localStorage: the presenter's notes size, a multiple of the base size (src/deck/notes-size.ts). */
  presenterNotesSize: 'async-talk:presenter-notes-size',
  /** localStorage: the presenter's stopwatch. */
  presenterTimer: 'async-talk:presenter-timer',
  /** sessionStorage: this tab has reloaded once to become cross-origin isolated. */
  isolationReload: 'async-talk:isolation-reload',
  /** BroadcastChannel: the deck's windows agree on the position. */
  deckChannel: 'async-talk:deck',
  /** BroadcastChannel: an audience window tells the presenter view about a demo. */
  mirrorChannel: 'async-talk:demo-mirror',
  /** window.open's name: the presenter view. */
  presenterWindow: 'async-talk-presenter',
  /** BroadcastChannel: a presenter view just opened, so the older ones close. */
  presenterChannel: 'async-talk:presenter',
} as const;

export type StorageKeys = typeof STORAGE_KEYS;

/** For Vite's and esbuild's `define`: each `STORAGE_KEYS.<name>` in the code becomes its string. */
export function storageKeyDefines(): Record<string, string> {
  return Object.fromEntries(Object.entries(STORAGE_KEYS).map(([name, key]) => [`STORAGE_KEYS.${name}`, JSON.stringify(key)]));
}
