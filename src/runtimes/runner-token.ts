// Whether the local runner served this page: its server writes its secret into a meta element
// of every page (src/runner/page-token.ts). Apart from local-runtime.ts, so the page can ask
// without loading the adapter.
import { RUNNER_META } from '../shared/runner-protocol.ts';

/** The secret the runner's server wrote into this page, or undefined where no runner served it. */
export function runnerToken(doc: Pick<Document, 'querySelector'> | undefined = globalThis.document): string | undefined {
  return doc?.querySelector<HTMLMetaElement>(`meta[name="${RUNNER_META}"]`)?.content || undefined;
}
