// The long-poll ("comet") chat in Node.js. A waiting request costs one parked response object:
// no thread, no stack. One send answers every parked request at once. Each request prints one
// line, so the terminal shows the requests parking and one send waking them all.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const HOST = process.env.HOST ?? '127.0.0.1'; // loopback: nobody else on the network can reach it
const PORT = Number(process.env.PORT ?? 8000);
const WAIT_S = Number(process.env.CHAT_WAIT_TIMEOUT ?? 25);
const WAIT_MS = WAIT_S * 1000;
const MAX_TEXT = 2000; // characters, that is Unicode code points
const MAX_BODY = 16 * 1024; // bytes of a request body; a longer one is refused before it is read
const HISTORY = 1000; // messages kept: the server's memory stays bounded however long it runs
const CURSOR = /^[0-9]{1,15}$/;
const SINCE_ERROR = 'since must be a whole number of at most 15 digits';
const NOT_JSON = 'the body must be JSON like {"text": "hello"}';
const ROUTES = {
  '/': ['GET', 'HEAD'],
  '/wait': ['GET', 'HEAD'],
  '/send': ['POST'],
};
const page = readFileSync(new URL('./index.html', import.meta.url));

const kept = []; // { id, text }: the newest HISTORY messages
let last = 0; // the id of the newest message; ids start at 1
const waiting = new Set(); // parked /wait requests: { since, res, timer }

class Refusal extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    Object.assign(this, { status, headers });
  }
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const logWait = (waiter, what) => console.log(`GET /wait?since=${waiter.since} — ${what}`);
const count = (n) => (n === 0 ? 'an empty list' : n === 1 ? '1 message' : `${n} messages`);

/** The /wait answer: every message after `since`, and the cursor for the next call. */
function reply(since) {
  if (since > last) return { messages: [...kept], last, reset: true }; // a cursor from before this server started
  const oldest = last - kept.length + 1;
  const answer = {
    messages: kept.slice(Math.max(0, since + 1 - oldest)),
    last,
  };
  if (since + 1 < oldest) answer.missed = oldest - since - 1; // messages after `since` no longer kept
  return answer;
}

/** Answers a /wait; `why` is logged (a send logs its own line). */
function answer(waiter, why) {
  clearTimeout(waiter.timer);
  waiting.delete(waiter);
  const body = reply(waiter.since);
  if (why) logWait(waiter, `${why}, answered ${count(body.messages.length)}`);
  json(waiter.res, 200, body);
}

function wait(req, res, query) {
  const given = query.get('since');
  if (given !== null && !CURSOR.test(given)) throw new Refusal(400, SINCE_ERROR);
  const waiter = { since: Number(given ?? 0), res, timer: undefined };
  const atOnce = req.method === 'HEAD' || last !== waiter.since; // a HEAD never parks
  if (atOnce) return answer(waiter, 'no need to wait');
  waiter.timer = setTimeout(() => answer(waiter, `nothing new in ${WAIT_S} s`), WAIT_MS);
  waiting.add(waiter);
  logWait(waiter, `parked, ${waiting.size} waiting`);
  // A client that leaves stops being waited for.
  res.on('close', () => {
    clearTimeout(waiter.timer);
    if (waiting.delete(waiter)) logWait(waiter, `the client left, ${waiting.size} waiting`);
  });
}

function parseText(body) {
  let parsed;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body));
  } catch (error) {
    throw new Refusal(400, error instanceof TypeError ? 'the body must be UTF-8' : NOT_JSON);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Refusal(400, NOT_JSON);
  const { text } = parsed;
  if (typeof text !== 'string') throw new Refusal(400, 'text must be a string');
  if (/^[ \t\n\r]*$/.test(text)) throw new Refusal(400, 'text must not be empty');
  if ([...text].length > MAX_TEXT) throw new Refusal(400, `text must be at most ${MAX_TEXT} characters`);
  return text;
}

function send(req, res, body) {
  if ((req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() !== 'application/json')
    throw new Refusal(415, 'a send must be application/json');
  if (req.headers['content-length'] === undefined) throw new Refusal(411, 'a send needs a Content-Length');
  const text = parseText(body);
  const message = { id: ++last, text };
  kept.push(message);
  if (kept.length > HISTORY) kept.shift();
  console.log(`POST /send id=${message.id} — woke ${waiting.size}`);
  for (const waiter of [...waiting]) answer(waiter);
  json(res, 200, { id: message.id });
}

/** Calls `step`, and answers whatever it throws: a Refusal as itself, anything else as a 500. */
function guarded(req, res, step) {
  try {
    step();
  } catch (error) {
    const refusal = error instanceof Refusal ? error : new Refusal(500, 'the server failed; the failure is in its log');
    if (refusal.status === 500) console.error(error); // the log has the failure, a client never does
    console.log(`${req.method} ${req.url.slice(0, 100)} — ${refusal.status}: ${refusal.message}`);
    if (!res.headersSent) json(res, refusal.status, { error: refusal.message }, refusal.headers);
  }
}

const tooLarge = () =>
  new Refusal(413, `a request body may be at most ${MAX_BODY} bytes`, {
    connection: 'close',
  });

/** Reads a body of at most MAX_BODY bytes: one whose Content-Length says more is refused unread. */
function readBody(req, res, then) {
  if (Number(req.headers['content-length']) > MAX_BODY) throw tooLarge();
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY) return chunks.push(chunk);
    req.removeAllListeners('data').resume(); // a body in chunks grew too long: keep none of it
    guarded(req, res, () => {
      throw tooLarge();
    });
  });
  req.on('end', () => size <= MAX_BODY && guarded(req, res, () => then(Buffer.concat(chunks))));
}

function route(req, res, path, query, body) {
  if (!Object.hasOwn(ROUTES, path)) throw new Refusal(404, 'not found');
  const allowed = ROUTES[path];
  if (!allowed.includes(req.method))
    throw new Refusal(405, `${path} answers ${allowed.join(' and ')}`, {
      allow: allowed.join(', '),
    });
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  } else if (path === '/wait') wait(req, res, new URLSearchParams(query));
  else send(req, res, body);
}

const server = createServer((req, res) => {
  const [, path, query] = /^([^?]*)\??(.*)$/s.exec(req.url); // not new URL(), which throws on "//["
  guarded(req, res, () => readBody(req, res, (body) => route(req, res, path, query, body)));
});

// A request Node's own parser refuses (a broken request line or header) still gets JSON.
server.on('clientError', (error, socket) => {
  if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
  const body = JSON.stringify({ error: 'a malformed request' });
  socket.end(
    `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
});

server.listen(PORT, HOST, () => console.log(`listening on port ${server.address().port}; a wait gives up after ${WAIT_S} s`));

// Being told to stop (a process manager, or the recorder after its session) is a clean exit.
process.on('SIGTERM', () => {
  console.log(`stopping (SIGTERM), ${waiting.size} waiting`);
  process.exit(0);
});
