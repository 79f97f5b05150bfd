// The page from demos/reactor-callbacks again, written as coroutines:
// async functions that await. The waiting is the same; the chain of
// callbacks is gone. Part 2 (greenlets.js) shows what can drive
// coroutines like these: a hub.
import { log, now, trace } from './clock.js';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const DATA = { user: 'ada', posts: ['p1', 'p2', 'p3'] };

// Stands in for a network request: answers after `seconds`.
async function fetch(name, seconds, { fails = false } = {}) {
  log(`fetch ${name}: request sent`);
  const sentAt = now();
  await sleep(seconds * 1000);
  trace(`fetch ${name}`, sentAt, 'waiting');
  if (fails) throw new Error(`${name}: 503 Unavailable`);
  log(`fetch ${name}: reply received`);
  return DATA[name];
}

async function buildPage() {
  const both = [fetch('user', 0.2), fetch('posts', 0.3)];
  const [user, posts] = await Promise.all(both);
  log(`combine: ${user} has ${posts.length} posts`);
  let page = `page for ${user} with ${posts.length} posts`;
  try {
    page = `${page} and ${await fetch('ads', 0.1, { fails: true })}`;
  } catch (error) { // the errback, written as catch
    log(`catch: ${error.message}; no ads`);
  }
  return page;
}

const page = buildPage(); // runs to its first await, returns a promise
log('buildPage() is waiting; the event loop runs');
log(`render: ${await page}`);

console.log('\n--- part 2: greenlets.js, generators driven by a hub ---');
await import('./greenlets.js');
