/**
 * Search over Pagefind's index, which `npm run build` writes to /pagefind/. The page ships only
 * this file; Pagefind's own client (and its WebAssembly) is fetched when the reader starts to
 * search. Under `astro dev` there is no index yet, and the page says so.
 */
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  search(term: string): Promise<{ results: PagefindResult[] }>;
}

// The base path straight from Vite, not through site-base.ts: a module two pages' scripts share
// becomes a request of its own.
const INDEX_URL = `${import.meta.env.BASE_URL}pagefind/pagefind.js`;
const SHOWN = 10;

let pagefind: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  // A URL the bundler must not resolve: the index exists only in the built site.
  pagefind ??= import(/* @vite-ignore */ INDEX_URL) as Promise<Pagefind>;
  return pagefind;
}

function resultItem(url: string, title: string, excerpt: string): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = url;
  link.textContent = title;
  const text = document.createElement('p');
  // Pagefind's excerpt is escaped text with <mark> around the hits.
  text.innerHTML = excerpt;
  item.append(link, text);
  return item;
}

export function bindSearch(host: HTMLElement): void {
  const form = host.querySelector('form')!;
  const input = host.querySelector('input')!;
  const status = host.querySelector<HTMLElement>('.search-status')!;
  const list = host.querySelector<HTMLOListElement>('.search-results')!;
  let latest = 0;

  async function run(term: string) {
    const ticket = ++latest;
    if (!term.trim()) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    let index: Pagefind;
    try {
      index = await loadPagefind();
    } catch {
      status.textContent = 'The search index is not here: it is built with the site. Run "npm run build", then "npm run preview".';
      return;
    }
    const { results } = await index.search(term);
    const shown = await Promise.all(results.slice(0, SHOWN).map((result) => result.data()));
    if (ticket !== latest) return; // a newer query has started
    list.replaceChildren(...shown.map((data) => resultItem(data.url, data.meta.title ?? data.url, data.excerpt)));
    status.textContent =
      results.length === 0
        ? `Nothing found for “${term}”.`
        : `${results.length} ${results.length === 1 ? 'page' : 'pages'} found for “${term}”${results.length > SHOWN ? `, the first ${SHOWN} shown` : ''}.`;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
    void run(input.value);
  });
  input.addEventListener('focus', () => void loadPagefind().catch(() => undefined), { once: true });
  input.addEventListener('input', () => void run(input.value));

  const query = new URLSearchParams(location.search).get('q');
  if (query) {
    input.value = query;
    void run(query);
  }
}
