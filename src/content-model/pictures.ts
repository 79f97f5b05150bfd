/**
 * Every picture a chapter can show with <Picture id="…">, and the clicks its parts take on a
 * slide: the deck reveals a diagram's `<g data-step>` groups one click each, in document order,
 * and remark-deck-split counts them into the slide's steps from here (a test holds each built
 * picture to its count). Charts have no steps.
 */
export const PICTURE_STEPS = {
  'threads-or-loop': 1,
  'loop-turning': 3,
  'deferred-tracks': 2,
  'hub-switching': 3,
  'patch-all': 1,
  'node-stack': 1,
  'long-poll': 2,
  stall: 1,
  'five-systems-timeline': 1,
  'chat-scale-chart': 0,
  'stall-chart': 0,
} as const satisfies Record<string, number>;

export type PictureId = keyof typeof PICTURE_STEPS;

export const PICTURE_IDS = Object.keys(PICTURE_STEPS) as PictureId[];

export function isPictureId(id: string): id is PictureId {
  return Object.hasOwn(PICTURE_STEPS, id);
}

/** The message a chapter meets for a <Picture id> that does not exist. */
export function unknownPictureMessage(id: string): string {
  return `<Picture id="${id}">: there is no picture "${id}". Fix: use one of ${PICTURE_IDS.join(', ')} (src/content-model/pictures.ts).`;
}
