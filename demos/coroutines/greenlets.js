// "Greenlets" built from generators, and the hub that switches between
// them. A greenlet pauses by yielding a request to the hub ("wake me in
// 100 ms"). The hub keeps the sleepers in order, waits for the next one
// to be due, and switches to it. In gevent or Eventlet the hub waits on
// sockets too, and the switch hides inside calls such as sock.recv().
import { log, now, trace } from './clock.js';

const hub = {
  sleepers: [], // { at, greenlet, since, ms }, soonest first

  spawn(name, body, ...args) {
    const greenlet = body(...args);
    greenlet.name = name;
    this.wake(greenlet, 0);
  },

  wake(greenlet, ms) {
    this.sleepers.push({ at: now() + ms, greenlet, since: now(), ms });
    this.sleepers.sort((a, b) => a.at - b.at);
  },

  // Run a greenlet until it yields back to the hub; do what it asks.
  switch(greenlet) {
    const { value: request, done } = greenlet.next();
    if (done) log(`hub: ${greenlet.name} finished`);
    else this.wake(greenlet, request.sleep);
  },

  // The loop: wait for the next sleeper to be due (with a timer, so the
  // thread is never blocked), then switch to every one that is due.
  run() {
    if (this.sleepers.length === 0) return log('hub: nothing left to run');
    setTimeout(() => {
      while (this.sleepers[0]?.at <= now()) {
        const { greenlet, since, ms } = this.sleepers.shift();
        if (ms > 0) trace(greenlet.name, since, 'waiting');
        this.switch(greenlet);
      }
      this.run();
    }, Math.max(0, this.sleepers[0].at - now())); // never negative: Node warns and treats it as 1 ms
  },
};

// What a greenlet yields to ask the hub for a nap.
const sleep = (ms) => ({ sleep: ms });

function* client(name, pause, steps) {
  for (let step = 1; step <= steps; step++) {
    log(`${name}: step ${step}`);
    yield sleep(pause); // back to the hub; the others run meanwhile
  }
}

function* busy(name, steps) {
  for (let step = 1; step <= steps; step++) {
    log(`${name}: step ${step}`);
    yield sleep(0); // no wait, just a turn for the others
  }
}

hub.spawn('C', busy, 'C', 3);
hub.spawn('A', client, 'A', 100, 3);
hub.spawn('B', client, 'B', 140, 2);
hub.run();
