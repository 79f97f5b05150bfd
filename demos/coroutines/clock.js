// One clock for both parts (main.js, then greenlets.js), so their log lines
// and timeline lanes follow each other instead of both starting at 0 ms.
const started = performance.now();
export const now = () => performance.now() - started;
export const log = (message) =>
  console.log(`${now().toFixed(0).padStart(4)} ms  ${message}`);
// A "#trace" line is drawn in the timeline: lane `lane` was `state` from
// `from` until now.
export const trace = (lane, from, state) => {
  const span = { lane, from: +from.toFixed(1), to: +now().toFixed(1) };
  console.log(`#trace ${JSON.stringify({ ...span, state })}`);
};
