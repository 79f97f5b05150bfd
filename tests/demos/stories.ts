// What a demo tells, line by line, once: the Node test (tests/demos/) and the browser test
// (tests/e2e/) assert the same story, in real Node and in the page's runtimes.

/** demos/reactor-callbacks: two fetches at once, combined, a third that fails and is handled. */
export const REACTOR_CALLBACKS_STORY = [
  'fetch user: request sent',
  'fetch posts: request sent',
  'reactor.run(): nothing has happened yet',
  'fetch user: reply received',
  'fetch posts: reply received',
  'callback combine: ada has 3 posts',
  'fetch ads: request sent',
  'errback skipAds: ads: 503 Unavailable; no ads',
  'callback render: page for ada with 3 posts',
  'reactor stopped',
];
