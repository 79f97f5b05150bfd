// The workbench's entry chunk. The <demo-embed> loader in Demo.astro adds it to the page as a
// module script on the first use of any demo (see vite-workbench-url.ts for why not import()),
// after marking the element the reader reached for with data-workbench-start ("run" or "edit").
// Evaluating this module mounts every element marked so far; for later ones the loader
// dispatches `demo-embed:start`. When an element leaves the page (an in-place page move), the
// loader dispatches `demo-embed:gone` on it, and its workbench is disposed.
import { mountWorkbench, type Workbench } from './workbench.ts';

export const START_EVENT = 'demo-embed:start';
export const GONE_EVENT = 'demo-embed:gone';

const mounted = new WeakMap<Element, Workbench>();

function mountMarked(): void {
  for (const root of document.querySelectorAll<HTMLElement>('demo-embed[data-workbench-start]')) {
    const known = mounted.get(root);
    const wantsRun = root.dataset['workbenchStart'] === 'run';
    if (known) {
      // A Run pressed while the workbench loaded after a focus into the code: run now.
      if (wantsRun && root.dataset['workbenchStarted'] !== 'run') void known.run();
      root.dataset['workbenchStarted'] = root.dataset['workbenchStart'];
      continue;
    }
    const workbench = mountWorkbench(root);
    mounted.set(root, workbench);
    root.dataset['workbenchStarted'] = root.dataset['workbenchStart'];
    root.addEventListener(GONE_EVENT, () => {
      mounted.delete(root);
      workbench.dispose();
    }, { once: true });
    if (wantsRun) {
      void workbench.run();
      // The Run pressed was the static view's, now gone: focus stays on the demo, not the page.
      root.querySelector<HTMLButtonElement>('.wb-toolbar button:not(:disabled)')?.focus();
    } else {
      void workbench.edit();
    }
  }
}

mountMarked();
document.addEventListener(START_EVENT, mountMarked);
