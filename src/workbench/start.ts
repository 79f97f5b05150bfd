// The workbench's entry chunk. The <demo-embed> loader in Demo.astro adds it to the page as a
// module script on the first use of any demo (see vite-workbench-url.ts for why not import()),
// after marking the element the reader reached for with data-workbench-start ("run" or "edit").
// Evaluating this module mounts every element marked so far; for later ones the loader
// dispatches `demo-embed:start`.
import { mountWorkbench } from './workbench.ts';

export const START_EVENT = 'demo-embed:start';

const mounted = new WeakSet<Element>();

function mountMarked(): void {
  for (const root of document.querySelectorAll<HTMLElement>('demo-embed[data-workbench-start]')) {
    if (mounted.has(root)) continue;
    mounted.add(root);
    mountWorkbench(root, { run: root.dataset['workbenchStart'] === 'run' });
  }
}

mountMarked();
document.addEventListener(START_EVENT, mountMarked);
