// What the static page hands the workbench: the demo's manifest and every file of its folder,
// embedded by Demo.astro as JSON inside <demo-embed>. Embedding (rather than fetching) keeps the
// first Run to zero extra requests and works offline; the cost is the files' gzipped size in
// the HTML, paid even by readers who never run the demo.
import type { DemoToRun, RuntimeId } from '../runtimes/index.ts';

export interface DemoData extends DemoToRun {
  title: string;
  editable: readonly string[];
  runtimes: readonly RuntimeId[];
}

export function readDemoData(root: Element): DemoData {
  const script = root.querySelector('script[type="application/json"][data-demo-files]');
  if (!script?.textContent) throw new Error('This <demo-embed> has no embedded demo files: Demo.astro must render them.');
  return JSON.parse(script.textContent) as DemoData;
}
