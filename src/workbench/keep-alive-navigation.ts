// Once a WebContainer has booted, a full page load would throw it away, and the next Run on the
// next chapter would boot it again (5 to 20 s, and StackBlitz's servers must answer again). So
// from that moment on, links between book pages are followed by Astro's client-side router: it
// fetches the next page and swaps it in, keeping this JavaScript realm and with it the page's one
// instance (the slot in src/runtimes/webcontainer-runtime.ts). Before any boot, navigation stays
// plain page loads: no reader pays for a router they do not need, and the book's 2 KB budget
// holds.
//
// Only pages that opt in take part: BookLayout carries Astro's
// <meta name="astro-view-transitions-enabled">, which the router checks on both ends, so a link
// to the deck (another app, without the meta) is still an ordinary page load.
import { navigate } from 'astro:transitions/client';

let following = false;

/** What the router must leave to the browser: other windows, downloads, other sites, modifiers. */
function linkToFollow(event: MouseEvent): HTMLAnchorElement | undefined {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  const link = (event.target as Element | null)?.closest?.('a');
  if (!(link instanceof HTMLAnchorElement) || !link.href) return undefined;
  if ((link.target && link.target !== '_self') || link.hasAttribute('download') || 'astroReload' in link.dataset) return undefined;
  const to = new URL(link.href);
  if (to.origin !== location.origin) return undefined;
  // A jump within this page stays the browser's own (smooth scroll, :target, focus).
  if (to.pathname === location.pathname && to.search === location.search) return undefined;
  return link;
}

/**
 * Swaps what a full load would have redone: the stored theme (the router replaces <html>'s
 * attributes with the new page's, which has none) and focus, which would otherwise fall to
 * <body> when the clicked link leaves the page. The router announces the new title itself.
 */
function keepPageStateAcrossSwaps(): void {
  document.addEventListener('astro:before-swap', (event) => {
    const theme = document.documentElement.dataset['theme'];
    if (theme) (event as Event & { newDocument: Document }).newDocument.documentElement.dataset['theme'] = theme;
  });
  document.addEventListener('astro:page-load', () => {
    if (!location.hash) document.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
  });
}

/** Idempotent: every run that finds the instance booted calls it. */
export function keepPageAliveAcrossLinks(): void {
  if (following) return;
  following = true;
  keepPageStateAcrossSwaps();
  document.addEventListener('click', (event) => {
    const link = linkToFollow(event);
    if (!link) return;
    event.preventDefault();
    void navigate(link.href, { sourceElement: link });
  });
}
