import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * A chart drawn by Observable Plot at build time, in a server-side DOM (linkedom), for
 * <Diagram>: its size and its inner markup. What the page gets is plain SVG with no script.
 * Plot's own stylesheet and its ARIA labels on inner groups are left out: the picture's
 * stylesheet themes it (the .pic-chart rules of src/styles/pictures.css), and the picture as a
 * whole is one image with a title, a description and a text equivalent.
 */
export interface PlotSvg {
  width: number;
  height: number;
  inner: string;
}

const TOP_ROOM = 8;

export function plotSvg(options: Omit<Plot.PlotOptions, 'document' | 'figure'> & { width: number; height: number }): PlotSvg {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({ ...options, document: document as unknown as Document, figure: false }) as unknown as SVGSVGElement;
  svg.querySelectorAll('style').forEach((style) => style.remove());
  // An attribute the HTML checker refuses on <g> (SVG has it only as a CSS property): the
  // stylesheet sets tabular figures on every chart instead.
  svg.querySelectorAll('[font-variant]').forEach((element) => element.removeAttribute('font-variant'));
  svg.querySelectorAll('[aria-label], [aria-hidden], [aria-description]').forEach((element) => {
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-hidden');
    element.removeAttribute('aria-description');
  });
  // Plot sets an axis label anchored at the top 3 px from the edge, where its capitals reach past
  // it: the drawing gets a few units of room above.
  return { width: options.width, height: options.height + TOP_ROOM, inner: `<g transform="translate(0,${TOP_ROOM})">${svg.innerHTML}</g>` };
}
