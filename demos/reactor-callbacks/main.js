// A tiny reactor and a Deferred, Twisted style, built from timers alone.
// The task: fetch a user and their posts at once, combine them, then
// fetch ads, which fails; an errback recovers and the page is rendered
// without ads.
const started = performance.now();
const now = () => performance.now() - started;
const log = (message) =>
  console.log(`${now().toFixed(0).padStart(4)} ms  ${message}`);
const trace = (lane, from, state) => {
  const span = { lane, from: +from.toFixed(1), to: +now().toFixed(1) };
  console.log(`#trace ${JSON.stringify({ ...span, state })}`);
};

// The reactor: timed calls, run in order. (Twisted's watches sockets too.)
const reactor = {
  calls: [],
  callLater(seconds, fn) {
    this.calls.push({ at: now() + seconds * 1000, fn });
    this.calls.sort((a, b) => a.at - b.at);
  },
  run() {
    while (this.calls[0]?.at <= now()) this.calls.shift().fn();
    if (this.calls.length === 0) return;
    this.timer = setTimeout(() => this.run(), this.calls[0].at - now());
  },
  stop() {
    clearTimeout(this.timer);
    this.calls = [];
  },
};

// A Deferred: a result that is not here yet, and a chain of steps,
// each a [callback, errback] pair.
class Deferred {
  #steps = [];
  #result;
  #failed = false;
  #fired = false;
  #paused = false;

  addCallbacks(callback, errback) {
    this.#steps.push([callback, errback]);
    if (this.#fired) this.#runSteps();
    return this;
  }
  addCallback(fn) { return this.addCallbacks(fn, null); }
  addErrback(fn) { return this.addCallbacks(null, fn); }
  addBoth(fn) { return this.addCallbacks(fn, fn); }
  callback(value) { this.#fire(value, false); }
  errback(error) { this.#fire(error, true); }

  #fire(result, failed) {
    [this.#fired, this.#result, this.#failed] = [true, result, failed];
    this.#runSteps();
  }

  #runSteps() {
    while (this.#steps.length > 0 && !this.#paused) {
      const [callback, errback] = this.#steps.shift();
      const step = this.#failed ? errback : callback;
      if (!step) continue; // nothing for this track: pass the result on
      try {
        [this.#result, this.#failed] = [step(this.#result), false];
      } catch (error) {
        [this.#result, this.#failed] = [error, true]; // to the errbacks
      }
      if (this.#result instanceof Deferred) {
        // The step returned a Deferred: pause until that one fires.
        const inner = this.#result;
        this.#paused = true;
        const resume = (failed) => (result) => {
          [this.#paused, this.#result, this.#failed] =
            [false, result, failed];
          this.#runSteps();
        };
        inner.addCallbacks(resume(false), resume(true));
      }
    }
  }
}

function gatherResults(deferreds) {
  const all = new Deferred();
  const results = [];
  let pending = deferreds.length;
  deferreds.forEach((d, i) => d.addCallbacks(
    (value) => {
      results[i] = value;
      if (--pending === 0) all.callback(results);
    },
    (error) => {
      if (pending > 0) all.errback(error);
      pending = 0;
    },
  ));
  return all;
}

const DATA = { user: 'ada', posts: ['p1', 'p2', 'p3'] };

// Stands in for a network request: a Deferred that fires later.
function fetch(name, seconds, { fails = false } = {}) {
  log(`fetch ${name}: request sent`);
  const d = new Deferred();
  const sentAt = now();
  reactor.callLater(seconds, () => {
    trace(`fetch ${name}`, sentAt, 'waiting');
    if (fails) return d.errback(new Error(`${name}: 503 Unavailable`));
    log(`fetch ${name}: reply received`);
    d.callback(DATA[name]);
  });
  return d;
}

function combine([user, posts]) {
  log(`callback combine: ${user} has ${posts.length} posts`);
  return `page for ${user} with ${posts.length} posts`;
}

function addAds(page) {
  return fetch('ads', 0.1, { fails: true })
    .addCallback((ads) => `${page} and ${ads}`)
    .addErrback((error) => {
      log(`errback skipAds: ${error.message}; no ads`);
      return page; // a plain value: back on the callback track
    });
}

gatherResults([fetch('user', 0.2), fetch('posts', 0.3)])
  .addCallback(combine)
  .addCallback(addAds)
  .addCallback((page) => log(`callback render: ${page}`))
  .addErrback((error) => log(`errback report: ${error.message}`))
  .addBoth(() => {
    reactor.stop();
    log('reactor stopped');
  });
log('reactor.run(): nothing has happened yet');
reactor.run();
