// Node runs your JavaScript on one thread, but file-system calls, DNS lookups
// and some crypto run on libuv's thread pool: 4 threads, unless the
// UV_THREADPOOL_SIZE environment variable says otherwise. Start 8 slow hashes
// at once: 4 take the pool and 4 queue, so they finish in two rounds. A tiny
// file read queues behind them. Try: UV_THREADPOOL_SIZE=2 node main.js
import { pbkdf2 } from 'node:crypto';
import { readFile } from 'node:fs';

const HASHES = 8;
const POOL = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const ITERATIONS = 100_000; // tens of milliseconds of CPU per hash
const started = performance.now();
const elapsed = () => Math.round(performance.now() - started);

const size = process.env.UV_THREADPOOL_SIZE ?? '4 (the default)';
console.log(`thread pool size: ${size}`);

let ticks = 0;
const ticker = setInterval(() => ticks++, 10); // the loop itself stays free

const finished = []; // finish times, in order
const order = []; // which hash finished first, second...
for (let n = 1; n <= HASHES; n++) {
  pbkdf2('password', 'salt', ITERATIONS, 64, 'sha512', () => {
    const at = elapsed(); // read once, so the line and the summary agree
    finished.push(at);
    order.push(n);
    console.log(`hash ${n} done at ${at} ms`);
    if (finished.length === HASHES) report();
  });
}
readFile('package.json', () => {
  console.log(`readFile('package.json') done at ${elapsed()} ms`);
});

function report() {
  clearInterval(ticker);
  // Hashes 1..POOL start at once; each of the others starts only when a
  // thread comes free, so the last finishes a round or more after them.
  const first = order.slice(0, POOL).sort((a, b) => a - b);
  const firstRound = finished[Math.min(POOL, HASHES) - 1];
  const last = finished.at(-1);
  console.log(
    `the first ${POOL} to finish: hashes ${first.join(', ')}, ` +
      `all done by ${firstRound} ms`,
  );
  if (POOL < HASHES) {
    const times = (last / firstRound).toFixed(1);
    console.log(
      `the last finished at ${last} ms, ${times}x as long: ` +
        'the rest had waited for a free thread',
    );
  } else {
    console.log(`all ${HASHES} had a thread from the start: none waited`);
  }
  console.log(`meanwhile a 10 ms timer on the loop ticked ${ticks} times`);
}
