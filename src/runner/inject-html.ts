// Writes the runner's meta element into the HTML pages a Node server sends, whatever writes
// them (Astro's dev server streams its pages through res.write and res.end). Only pages asked
// for from this computer get it: a dev server opened to the network (--host) hands no secret out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackAddress, isLoopbackHost } from './guard.ts';

export function injectIntoHtml(request: IncomingMessage, response: ServerResponse, inject: (html: string) => string): void {
  const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
  if (!wantsPage || !isLoopbackAddress(request.socket.remoteAddress) || !isLoopbackHost(request.headers.host)) return;
  const chunks: Buffer[] = [];
  const write = response.write.bind(response) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const isHtml = () => String(response.getHeader('content-type') ?? '').includes('text/html');
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding) : Buffer.from(chunk as Uint8Array);
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return write(chunk, ...rest);
    chunks.push(toBuffer(chunk, rest[0]));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof response.write;
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return end(chunk, ...rest);
    if (chunk !== undefined && typeof chunk !== 'function') chunks.push(toBuffer(chunk, rest[0]));
    const html = inject(Buffer.concat(chunks).toString('utf8'));
    if (!response.headersSent) {
      response.removeHeader('content-length');
      response.setHeader('content-length', Buffer.byteLength(html));
    }
    return end(html);
  }) as typeof response.end;
}
