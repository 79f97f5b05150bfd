// The preview of a server demo run by the local runner. The page is cross-origin isolated
// (COEP require-corp), so it may frame another origin only if that origin's responses say they
// may be embedded, and a demo's own server says nothing of the kind. This proxy, on a port of
// its own on loopback, passes every request to the demo's server and adds what the frame needs.
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PreviewProxy {
  url: string;
  close(): void;
}

export async function startPreviewProxy(targetPort: number): Promise<PreviewProxy> {
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = forward(
      { host: '127.0.0.1', port: targetPort, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: `127.0.0.1:${targetPort}` } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, {
          ...answer.headers,
          'cross-origin-resource-policy': 'cross-origin',
          'cross-origin-embedder-policy': 'require-corp',
        });
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      outgoing.end('The demo server is not answering (it may have stopped).');
    });
    // A long poll that the frame gives up ends upstream too.
    outgoing.on('close', () => upstream.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
