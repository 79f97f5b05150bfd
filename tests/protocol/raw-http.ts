import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as bytes decoded as Latin-1, after undoing chunked transfer coding. */
  body: string;
}

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const end = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, end), 16);
    if (end < 0 || !(size > 0)) return out;
    out += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}

/** The first response in `raw`, or undefined while it is not complete (an answer to HEAD has no body). */
export function parseResponse(raw: string, toHead = false): RawResponse | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, headEnd).split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const rest = raw.slice(headEnd + 4);
  let body: string;
  if (toHead) body = '';
  else if (headers['transfer-encoding'] === 'chunked') {
    if (!rest.includes('\r\n0\r\n\r\n') && !rest.startsWith('0\r\n\r\n')) return undefined;
    body = dechunk(rest);
  } else {
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < length) return undefined;
    body = rest.slice(0, length);
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body };
}

export interface ExchangeOptions {
  /** Bytes sent after the first write, one chunk per `dribbleMs`: a slow client. */
  dribble?: { bytes: Buffer; everyMs: number };
  /** Fail if no whole response has come by then. */
  timeoutMs?: number;
}

/**
 * Sends `request` as raw bytes on a connection of its own, and resolves with the first whole
 * response, which is what a test needs when the request is one no HTTP client would send.
 * Whatever is still unsent is dropped once the response is in.
 */
export function exchange(port: number, request: Buffer, { dribble, timeoutMs = 15_000 }: ExchangeOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let dribbler: NodeJS.Timeout | undefined;
    const done = (settle: () => void) => {
      clearTimeout(guard);
      clearInterval(dribbler);
      socket.destroy();
      settle();
    };
    const guard = setTimeout(() => done(() => reject(new Error(`no whole response within ${timeoutMs} ms; got ${JSON.stringify(received.slice(0, 200))}`))), timeoutMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const response = parseResponse(received, request.subarray(0, 5).toString('latin1') === 'HEAD ');
      if (response) done(() => resolve(response));
    });
    socket.on('error', () => {}); // a server that closes on a client still writing: the response, if any, came first
    socket.on('close', () => done(() => reject(new Error(`the server closed the connection without a whole response; got ${JSON.stringify(received.slice(0, 200))}`))));
    socket.write(request);
    if (dribble) {
      let at = 0;
      dribbler = setInterval(() => {
        if (at >= dribble.bytes.length) return clearInterval(dribbler);
        socket.write(dribble.bytes.subarray(at, ++at));
      }, dribble.everyMs);
    }
  });
}

/** A request's bytes: `head` lines joined by CRLF, then the body. */
export const httpRequest = (head: string[], body: string | Buffer = '') =>
  Buffer.concat([Buffer.from([...head, '', ''].join('\r\n'), 'latin1'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);

/** As exchange(), for a request the server may refuse while it is still being sent: 'reset' then. */
export function exchangeOrReset(port: number, request: Buffer, options?: ExchangeOptions): Promise<RawResponse | 'reset'> {
  return exchange(port, request, options).catch((error: Error) => {
    if (error.message.startsWith('the server closed the connection without a whole response')) return 'reset';
    throw error;
  });
}

/** Everything the server sends on a connection of its own until it closes it: the request must ask it to. */
export function exchangeUntilClose(port: number, request: Buffer, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const guard = setTimeout(() => (socket.destroy(), reject(new Error(`the server kept the connection open past ${timeoutMs} ms`))), timeoutMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => (clearTimeout(guard), resolve(received)));
    socket.write(request);
  });
}
