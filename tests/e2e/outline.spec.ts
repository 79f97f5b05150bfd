import { readdir, readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';

/**
 * Every node of the talk's outline (../shared/seed/talk-outline.txt) has a home in the book.
 * Each entry pairs outline node numbers with terms that page must use; the terms come from the
 * outline itself, or from the identification the fact sheet gives for a vague node.
 */
const outline: [nodes: string, terms: RegExp[]][] = [
  ['1', [/synchronous API on top of/i]],
  ['2, 2.1', [/pluggable/i, /pure[- ]Python hubs?/i]],
  ['3, 4.1', [/tpool/, /TpooledConnectionPool/]],
  ['4', [/monkey patching on steroids/i]],
  ['5', [/DBAPI|DB-API 2\.0/]],
  ['6, 6.1', [/Omegle/, /replaced Twisted/i, /PediaPress/]],
  ['6.1.1, 7.2', [/Deferred/, /reactor/, /inlineCallbacks/, /hard to learn|difficult to work with/i, /terrible code/i]],
  ['7.1', [/fork of Eventlet|Eventlet 0\.8\.11 fork|forked Eventlet|fork of eventlet/i, /abstracts the different OS implementations/i]],
  ['7.3, 19', [/Hyves/, /Dutch Facebook/i, /Stackless/, /not primitive/i, /Erlang/, /actors?/i, /channels?/i, /tasklets?/i]],
  ['7.4', [/Linden Lab/, /Second Life/]],
  ['8', [/Erlang for (the )?poors?/i, /V8/, /JIT/, /assembler|machine code/i, /async(hronous)? file I\/O/i, /Ragel/, /Rebel/, /state machine/i]],
  ['9, 9.1', [/what is this\?\?\?/i, /diesel/i, /no monkey-patching support|no monkey patching support/i]],
  ['10, 11', [/New node/]],
  ['12', [/Greenlets in pure Python/i, /greenlet\.py/]],
  ['13', [/libeio/, /libev\b/]],
  ['14', [/good for production/i, /favou?rite/i, /next release/i]],
  ['15', [/Doesn.t seem active/i]],
  ['16, 17', [/Binfire/, /Uriel Katz/, /gevent, Concurrence, Twisted, Eventlet/]],
  ['18', [/many concurrent users/i, /file descriptors?/i, /epoll/, /kqueue/, /\bselect\b/, /C10K/, /blocking calls? blocks? (all|every)/i, /heavy computation/i]],
  ['20', [/thread[- ]safe/i, /WebSockets?/i, /slower than gevent/i, /bug/i]],
  ['21', [/comet/i, /\/wait/, /urielkatz\.com/, /no-polling/i]],
  ['22', [/largest pitfall/i, /give control|gives up control|give up control/i, /price/i]],
  ['23', [/pywsgi/, /waitany/, /Rackspace/, /Cloud Files/i, /streaming zip/i, /500 concurrent connections|500 connections/i, /45 ?MB/, /S3/, /message bus/i, /Google Draw(ing|ings)/i]],
];

test('every node of the talk outline appears in the book', async () => {
  const pages = (await readdir('dist/chapters')).map((slug) => readFile(`dist/chapters/${slug}/index.html`, 'utf8'));
  const text = (await Promise.all(pages)).join('\n').replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;|&rsquo;|’/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' '); // a tag in mid-sentence (a glossary link) leaves one space, as a reader sees it
  const missing = outline.flatMap(([nodes, terms]) => terms.filter((term) => !term.test(text)).map((term) => `node ${nodes}: ${term}`));
  expect(missing).toEqual([]);
});
