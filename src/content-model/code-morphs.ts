/**
 * Code that moves: on a slide, each click morphs one version into the next, token by token
 * (src/components/CodeMorph.astro); the book shows the versions side by side. Every version is an
 * excerpt of a file the tests run, by line range, so what moves is the real code.
 */
export interface MorphVersion {
  /** What the version is, shown above it: "gevent", "Twisted". */
  label: string;
  /** A file of this repository, from its root. */
  path: string;
  /** A 1-based inclusive line range, as <CodeFile lines>. */
  lines: string;
}

export const CODE_MORPHS = {
  'wait-handler': {
    title: 'The wait handler, four ways',
    versions: [
      { label: 'gevent', path: 'demos/python/chat_gevent.py', lines: '17-25' },
      { label: 'Eventlet', path: 'demos/python/chat_eventlet.py', lines: '26-38' },
      { label: 'Twisted', path: 'demos/python/chat_twisted.py', lines: '36-42' },
      { label: 'Node.js', path: 'demos/comet-chat/server.js', lines: '64-78' },
    ],
  },
  'inline-callbacks-to-async': {
    title: 'From inlineCallbacks to async def',
    versions: [
      { label: 'inlineCallbacks (2006)', path: 'demos/python/twisted_inline_callbacks.py', lines: '8-19' },
      { label: 'async def (Twisted 16.4, 2016)', path: 'demos/python/twisted_async_await.py', lines: '8-17' },
    ],
  },
} as const satisfies Record<string, { title: string; versions: readonly MorphVersion[] }>;

export type CodeMorphId = keyof typeof CODE_MORPHS;

export function isCodeMorphId(id: string): id is CodeMorphId {
  return Object.hasOwn(CODE_MORPHS, id);
}

/** How a build message names one version of a morph, where its path or range is wrong. */
export function codeMorphVersionTag(id: string, { label, path, lines }: MorphVersion): string {
  return `<CodeMorph id="${id}">, version "${label}" (${path}, lines ${lines}, in src/content-model/code-morphs.ts)`;
}

export function unknownCodeMorphMessage(id: string): string {
  return `<CodeMorph id="${id}">: there is no code morph "${id}". Fix: use one of ${Object.keys(CODE_MORPHS).join(', ')} (src/content-model/code-morphs.ts).`;
}
