// Eight clients share one event loop. Clients 1-7 each send a request every
// 10 ms, and each request waits 5 ms on (simulated) I/O. Client 8 asks for a
// report that needs 200 ms of CPU.
//   node main.js stall    the report runs in one piece on the loop
//   node main.js yield    it runs in 2 ms slices; the loop turns in between
//   node main.js thread   it runs on another thread
//   node main.js          all three, one after the other (MODE below)
// In the browser there is no command line: change MODE to pick one.
// Lines starting with "#trace " are drawn as a timeline, one lane per client.

const MODE = 'all'; // 'stall', 'yield', 'thread' or 'all'

const CLIENTS = 7; // the light clients; client 8 is the heavy one
const EVERY_MS = 10; // each light client sends a request this often...
const IO_MS = 5; // ...and each request waits this long on I/O
const REPORT_MS = 200; // the CPU time client 8's report needs
const SLICE_MS = 2; // yield: how long each slice of the report runs
const ASK_AT_MS = 40; // when client 8 asks, from the start of each run

const isNode =
  typeof process !== 'undefined' && Boolean(process.versions?.node);
const t0 = performance.now();
const now = () => performance.now() - t0;
const sleep = (ms) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const round = (ms) => Math.round(ms * 10) / 10;

/** Pure computing: nothing else on this thread runs meanwhile. */
function burnCpu(ms) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

// Timeline lanes. A span starts no earlier than the lane's last one ended.
const laneEnds = new Map();
function trace(lane, from, to, state) {
  from = Math.max(round(from), laneEnds.get(lane) ?? 0);
  to = round(to);
  if (to <= from) return;
  laneEnds.set(lane, to);
  console.log(`#trace ${JSON.stringify({ lane, from, to, state })}`);
}

// The event loop's sleep(0): let everything that is ready run, then go on.
// Node has setImmediate. A browser has no true equivalent: a MessageChannel
// message runs ahead of timers that are already due, so the clients would
// still wait. setTimeout(0) queues behind them, at the price of the ~4 ms
// minimum browsers put on nested timers: the report itself takes longer.
function makeGiveWay() {
  if (typeof setImmediate === 'function') {
    return () => new Promise((resolve) => setImmediate(resolve));
  }
  return () => new Promise((resolve) => setTimeout(resolve, 0));
}
const giveWay = makeGiveWay();

// The worker's code, as a string that both Node and a browser can run.
const workerSource = `${burnCpu}
const port = typeof self === 'object'
  ? self : require('node:worker_threads').parentPort;
port.onmessage = ({ data: ms }) => {
  const start = performance.timeOrigin + performance.now();
  burnCpu(ms);
  port.postMessage({ start, end: performance.timeOrigin + performance.now() });
};`;

/** Runs burnCpu(ms) on a new thread: worker_threads, or a nested Worker. */
async function onAnotherThread(ms) {
  let worker, answer;
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    worker = new Worker(workerSource, { eval: true });
    answer = new Promise((resolve) => worker.once('message', resolve));
  } else {
    const blob = new Blob([workerSource], { type: 'text/javascript' });
    worker = new Worker(URL.createObjectURL(blob));
    answer = new Promise((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
    });
  }
  worker.postMessage(ms);
  const { start, end } = await answer;
  worker.terminate();
  const origin = performance.timeOrigin + t0; // the worker has its own clock
  return { start: start - origin, end: end - origin };
}

/** The three ways to produce client 8's report. */
const report = {
  async stall() {
    const from = now();
    burnCpu(REPORT_MS);
    trace('client 8', from, now(), 'running');
  },
  async yield() {
    for (let done = 0; done < REPORT_MS; done += SLICE_MS) {
      const from = now();
      burnCpu(SLICE_MS);
      trace('client 8', from, now(), 'running');
      await giveWay();
    }
  },
  async thread() {
    const from = now();
    const { start, end } = await onAnotherThread(REPORT_MS);
    trace('client 8', from, now(), 'waiting');
    trace('worker thread', start, end, 'running');
  },
};

/** One small request: it arrives at `sent`, waits on I/O, is answered. */
async function request(lane, sent, latencies) {
  const picked = now();
  await sleep(IO_MS);
  const served = now();
  latencies.push(served - sent);
  // Timers are accurate to a millisecond or so: 2 ms late means a busy loop.
  const pickedLate = picked - sent >= 2;
  const ioDone = picked + IO_MS;
  const answeredLate = served - ioDone >= 2;
  if (pickedLate) trace(lane, sent, picked, 'blocked');
  const waitFrom = pickedLate ? picked : sent;
  trace(lane, waitFrom, answeredLate ? ioDone : served, 'waiting');
  if (answeredLate) trace(lane, ioDone, served, 'blocked');
}

/** A light client: a request every EVERY_MS, answered or not. */
async function lightClient(n, firstAt, isOver, latencies) {
  const inFlight = [];
  for (let sent = firstAt; !isOver(); sent += EVERY_MS) {
    await sleep(sent - now());
    inFlight.push(request(`client ${n}`, sent, latencies));
  }
  await Promise.all(inFlight);
}

async function run(mode) {
  const start = now();
  const latencies = [];
  let over = false;
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const firstAt = start + (i * EVERY_MS) / CLIENTS;
    return lightClient(i + 1, firstAt, () => over, latencies);
  });
  await sleep(start + ASK_AT_MS - now());
  const asked = now();
  await report[mode]();
  const took = now() - asked;
  await sleep(40);
  over = true;
  await Promise.all(clients);
  latencies.sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)];
  const ms = (value) => `${Math.round(value)} ms`;
  console.log(
    `${mode.padEnd(6)} clients 1-7: median ${ms(median)}, ` +
      `max ${ms(latencies.at(-1))}; the report took ${ms(took)}`,
  );
}

async function main() {
  const arg = globalThis.process?.argv?.[2] ?? MODE;
  const modes = arg === 'all' ? Object.keys(report) : [arg];
  if (!modes.every((mode) => mode in report)) {
    console.log(`usage: node main.js [stall|yield|thread|all], not "${arg}"`);
    return;
  }
  console.log(
    `Clients 1-7: a request every ${EVERY_MS} ms, ${IO_MS} ms of I/O each. ` +
      `Client 8: a ${REPORT_MS} ms report.`,
  );
  for (const mode of modes) await run(mode);
}

main();
