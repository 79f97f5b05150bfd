import { uniqueId } from '../../build/unique-id.ts';

/**
 * The arrowheads of one drawing. Marker ids must be unique on the page (a chapter can hold
 * several pictures), so each drawing asks for its own set and passes it to <Diagram arrows>.
 */
export interface Arrows {
  prefix: string;
  /** `marker-end` values: an arrowhead in the ink, the accent or the "off" (error) colour. */
  ink: string;
  accent: string;
  off: string;
}

export function arrows(pictureId: string): Arrows {
  const prefix = uniqueId(`${pictureId}-arrow`);
  return { prefix, ink: `url(#${prefix}-ink)`, accent: `url(#${prefix}-accent)`, off: `url(#${prefix}-off)` };
}
