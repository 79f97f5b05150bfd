// Who may use the local runner. It runs code, so only the pages its own server served may ask:
// a request must come from this computer, name this computer as its Host (a DNS-rebinding page
// names its own domain), come from a page of this same origin, and carry the secret that the
// server writes into its own pages at each start. Anything else is refused before anything runs.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER } from '../shared/runner-protocol.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export type Verdict = { ok: true } | { ok: false; why: string };

/** The host name of a Host header, without its port ("localhost:4321" → "localhost", "[::1]:80" → "[::1]"). */
function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (LOOPBACK_ADDRESSES.has(address) || address.startsWith('127.'));
}

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && /^[\w.[\]:-]+$/.test(host) && LOOPBACK_HOSTS.has(hostName(host.toLowerCase()));
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `request` may use the runner; the reason is for the 403's body and the tests. */
export function checkRunnerRequest(request: IncomingMessage, token: string): Verdict {
  if (!isLoopbackAddress(request.socket.remoteAddress)) return { ok: false, why: 'the local runner answers only this computer' };
  const host = request.headers.host;
  if (!isLoopbackHost(host)) return { ok: false, why: `the Host ${JSON.stringify(host ?? '')} is not this computer (localhost, 127.0.0.1 or [::1])` };
  const origin = request.headers.origin;
  if (origin !== `http://${host}`) return { ok: false, why: `the Origin ${JSON.stringify(origin ?? '')} is not this server's own (http://${host})` };
  const given = request.headers[TOKEN_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, token)) return { ok: false, why: 'the request does not carry this server\'s secret' };
  return { ok: true };
}
