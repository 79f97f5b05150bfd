// The long-poll ("comet") chat in Node.js. A waiting request costs one parked response object:
// no thread, no stack. One send answers every parked request at once. Each request prints one
// line, so the terminal shows the requests parking and one send waking them all.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const PORT = Number(process.env.PORT ?? 8000);
const WAIT_S = Number(process.env.CHAT_WAIT_TIMEOUT ?? 25);
const WAIT_MS = WAIT_S * 1000;
const MAX_TEXT = 2000;
const page = readFileSync(new URL('./index.html', import.meta.url));

const messages = []; // { id, text }, ids from 1
const waiting = new Set(); // parked /wait requests: { since, res, timer }

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const logWait = (waiter, what) => console.log(`GET /wait?since=${waiter.since} — ${what}`);
const count = (n) => (n === 0 ? 'an empty list' : n === 1 ? '1 message' : `${n} messages`);

/** Answers a /wait with every message after its cursor; `why` is logged (a send logs its own line). */
function answer(waiter, why) {
  clearTimeout(waiter.timer);
  waiting.delete(waiter);
  const after = messages.filter((message) => message.id > waiter.since);
  if (why) logWait(waiter, `${why}, answered ${count(after.length)}`);
  json(waiter.res, 200, { messages: after, last: after.at(-1)?.id ?? waiter.since });
}

function wait(req, res, query) {
  const since = Number(query.get('since') ?? 0);
  if (!Number.isInteger(since) || since < 0)
    return refuse(res, 'GET /wait', 'since must be a whole number');
  const waiter = { since, res, timer: undefined };
  if (messages.at(-1)?.id > since) return answer(waiter, 'no need to wait');
  waiter.timer = setTimeout(() => answer(waiter, `nothing new in ${WAIT_S} s`), WAIT_MS);
  waiting.add(waiter);
  logWait(waiter, `parked, ${waiting.size} waiting`);
  // A client that leaves stops being waited for.
  res.on('close', () => {
    clearTimeout(waiter.timer);
    if (waiting.delete(waiter)) logWait(waiter, `the client left, ${waiting.size} waiting`);
  });
}

function refuse(res, request, error) {
  console.log(`${request} — 400: ${error}`);
  json(res, 400, { error });
}

function send(req, res) {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    let text;
    try {
      text = JSON.parse(body).text;
    } catch {
      return refuse(res, 'POST /send', 'the body must be JSON like {"text": "hello"}');
    }
    if (typeof text !== 'string') return refuse(res, 'POST /send', 'text must be a string');
    if (text.trim() === '') return refuse(res, 'POST /send', 'text must not be empty');
    if (text.length > MAX_TEXT) return refuse(res, 'POST /send', `text must be at most ${MAX_TEXT} characters`);
    const message = { id: messages.length + 1, text };
    messages.push(message);
    console.log(`POST /send id=${message.id} — woke ${waiting.size}`);
    for (const waiter of [...waiting]) answer(waiter);
    json(res, 200, { id: message.id });
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  } else if (req.method === 'GET' && url.pathname === '/wait') wait(req, res, url.searchParams);
  else if (req.method === 'POST' && url.pathname === '/send') send(req, res);
  else json(res, 404, { error: 'not found' });
});

server.listen(PORT, () => console.log(`listening on port ${server.address().port}; a wait gives up after ${WAIT_S} s`));

// Being told to stop (a process manager, or the recorder after its session) is a clean exit.
process.on('SIGTERM', () => {
  console.log(`stopping (SIGTERM), ${waiting.size} waiting`);
  process.exit(0);
});
