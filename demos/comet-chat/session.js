// A scripted chat session against server.js: `npm run demos:record` runs it to record the replay
// (the server's own lines, and these labelled "[client]"). Two browsers park a long poll each, a
// third sends one message and both wake at once; bad sends get 400; a poll with nothing new
// gives up. Try it by hand: `node server.js` in one terminal, `node session.js` in another.
// It exits non-zero if the server breaks the protocol, so a broken run is never recorded.
const base = `http://127.0.0.1:${process.env.PORT ?? 8000}`;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function check(ok, what) {
  if (ok) return;
  console.error(`the server broke the protocol: ${what}`);
  process.exit(1);
}

/** One long poll, as the chat page does it. */
async function poll(who, since) {
  console.log(`${who}: GET /wait?since=${since}`);
  const started = performance.now();
  const reply = await (await fetch(`${base}/wait?since=${since}`)).json();
  console.log(`${who}: got ${JSON.stringify(reply.messages)} after ${seconds(started)}`);
  return reply;
}

async function send(who, body) {
  console.log(`${who}: POST /send ${body}`);
  const response = await fetch(`${base}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  console.log(`${who}: ${response.status} ${await response.text()}`);
  return response;
}

const a = poll('browser A', 0);
await pause(400);
const b = poll('browser B', 0);
await pause(1500); // both parked: no thread, no stack, just two response objects
const sent = await send('browser C', JSON.stringify({ text: 'hello, both of you' }));
const [first, second] = await Promise.all([a, b]);
check(sent.status === 200 && first.last === 1 && second.last === 1, 'one send must wake both waiters with message 1');

await pause(800);
check((await send('browser C', JSON.stringify({ text: '' }))).status === 400, 'empty text must get 400');
await pause(800);
check((await send('browser C', 'hello?')).status === 400, 'a body that is not JSON must get 400');

await pause(800);
const quiet = await poll('browser A', 1);
check(quiet.messages.length === 0 && quiet.last === 1, 'a wait with nothing new must give up with an empty list');
console.log('browser A: nothing new, so it polls again (the session ends here)');
