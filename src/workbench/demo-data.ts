// What the static page hands the workbench: the demo's manifest and the files a run needs,
// embedded by Demo.astro as JSON inside <demo-embed>, so a Run in the worker or WebContainer
// needs no request. The replay transcript is only linked (transcriptUrl) and fetched when used.
import type { DemoToRun, RuntimeId } from '../runtimes/index.ts';

/** Another way to run the demo: its command (the demo's, with arguments) and its recording. */
export interface DemoVariant {
  label: string;
  command: string;
  transcriptUrl?: string | undefined;
}

export interface DemoData extends DemoToRun {
  title: string;
  editable: readonly string[];
  runtimes: readonly RuntimeId[];
  variants?: readonly DemoVariant[] | undefined;
}

export function readDemoData(root: Element): DemoData {
  const script = root.querySelector('script[type="application/json"][data-demo-files]');
  if (!script?.textContent) throw new Error('This <demo-embed> has no embedded demo files: Demo.astro must render them.');
  return JSON.parse(script.textContent) as DemoData;
}
