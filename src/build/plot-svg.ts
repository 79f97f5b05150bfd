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

export function plotSvg(options: Omit<Plot.PlotOptions, 'document' | 'figure'> & { width: number; height: number }): PlotSvg {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({ ...options, document: document as unknown as Document, figure: false }) as unknown as SVGSVGElement;
  svg.querySelectorAll('style').forEach((style) => style.remove());
  svg.querySelectorAll('[aria-label], [aria-hidden], [aria-description]').forEach((element) => {
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-hidden');
    element.removeAttribute('aria-description');
  });
  return { width: options.width, height: options.height, inner: svg.innerHTML };
}
