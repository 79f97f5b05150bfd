import { codeToKeyedTokens, createMagicMoveMachine, type KeyedTokensInfo } from '@shikijs/magic-move/core';
import { createHighlighter, type BundledLanguage } from 'shiki';
import { shikiConfig } from '../markdown/shiki-config.ts';

/**
 * The tokens of code that moves, computed at build time: each version's tokens with keys that
 * match the version before, so the deck's renderer (src/deck/code-morph.ts) only moves, fades in
 * and fades out; no highlighter ships to the browser. Both palettes are CSS variables, as in
 * every other code block (shiki-config.ts).
 */
let highlighter: ReturnType<typeof createHighlighter> | undefined;

export async function morphSteps(versions: readonly { code: string; lang: string }[]): Promise<KeyedTokensInfo[]> {
  const langs = [...new Set(versions.map(({ lang }) => lang))] as BundledLanguage[];
  highlighter ??= createHighlighter({ themes: Object.values(shikiConfig.themes), langs: [] });
  const shiki = await highlighter;
  await shiki.loadLanguage(...langs);
  // The machine keys each version to the one before, so one machine takes them all; its
  // tokenizer reads the language of the version being committed (commit runs synchronously).
  let lang = versions[0]?.lang ?? 'plaintext';
  const machine = createMagicMoveMachine((code) => codeToKeyedTokens(shiki, code, { lang: lang as BundledLanguage, themes: shikiConfig.themes, defaultColor: false }));
  return versions.map((version) => {
    lang = version.lang;
    return machine.commit(version.code).current;
  });
}

/** JSON for a `<script type="application/json">`: nothing in it can end the script early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
