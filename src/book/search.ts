/**
 * Pagefind's own search UI, loaded from the index that `npm run build` writes to /pagefind/.
 * Only the search page loads it. Under `astro dev` there is no index yet, and the page says so.
 */
interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => PagefindUIInstance;
  }
}

function load(tag: 'script' | 'link', url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    if (element instanceof HTMLScriptElement) element.src = url;
    else if (element instanceof HTMLLinkElement) Object.assign(element, { rel: 'stylesheet', href: url });
    element.addEventListener('load', () => resolve());
    element.addEventListener('error', () => reject(new Error(`could not load ${url}`)));
    document.head.append(element);
  });
}

export async function mountSearch(host: HTMLElement): Promise<void> {
  const fallback = host.querySelector<HTMLFormElement>('.search-fallback')!;
  const target = host.querySelector<HTMLElement>('.search-ui')!;
  const status = host.querySelector<HTMLElement>('.search-status')!;
  try {
    await Promise.all([load('link', '/pagefind/pagefind-ui.css'), load('script', '/pagefind/pagefind-ui.js')]);
  } catch {
    status.textContent =
      'The search index is not here. It is built with the site: run "npm run build" and "npm run preview".';
    return;
  }
  fallback.hidden = true;
  target.hidden = false;
  const ui = new window.PagefindUI!({ element: target, showSubResults: true, showImages: false, autofocus: true });
  const query = new URLSearchParams(location.search).get('q');
  if (query) ui.triggerSearch(query);
}
