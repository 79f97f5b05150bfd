// The workbench's entry chunk. The <demo-embed> loader in Demo.astro adds it to the page as a
// module script on the first use of any demo (see vite-workbench-url.ts for why not import()),
// after marking the element the reader reached for with data-workbench-start ("run" or "edit").
// Evaluating this module mounts every element marked so far; for later ones the loader
// dispatches `demo-embed:start`. An element that has left the page after an in-place page move
// (keep-alive-navigation.ts) has its workbench disposed: found here, after the swap, rather than
// by a disconnectedCallback in the loader, whose every byte every chapter with a demo pays.
import { mountWorkbench, type Workbench } from './workbench.ts';

export const START_EVENT = 'demo-embed:start';

const mounted = new Map<Element, Workbench>();

function mountMarked(): void {
  for (const root of document.querySelectorAll<HTMLElement>('demo-embed[data-workbench-start]')) {
    if (mounted.has(root)) continue;
    // Read now: a Run pressed while this chunk loaded (after a focus into the code) made it "run".
    const wantsRun = root.dataset['workbenchStart'] === 'run';
    // The file the reader reached for: its code still has the focus.
    const reached = document.activeElement?.closest<HTMLElement>('demo-embed [data-path]')?.dataset['path'];
    const workbench = mountWorkbench(root);
    mounted.set(root, workbench);
    if (wantsRun) {
      void workbench.run();
      // The Run pressed was the static view's, now gone: focus stays on the demo, not the page.
      root.querySelector<HTMLButtonElement>('.wb-toolbar button:not(:disabled)')?.focus();
    } else {
      void workbench.edit(reached);
    }
  }
}

function disposeGone(): void {
  for (const [root, workbench] of mounted) {
    if (root.isConnected) continue;
    mounted.delete(root);
    workbench.dispose();
  }
}

mountMarked();
document.addEventListener(START_EVENT, mountMarked);
document.addEventListener('astro:after-swap', disposeGone);
