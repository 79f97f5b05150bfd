// How a page learns that the local runner is there, and its secret: the runner's server writes a
// meta element into every page it serves. A static host serves the same pages without it, so the
// workbench finds no runner and never asks for one (no failed request in the console).
import { RUNNER_META } from '../shared/runner-protocol.ts';

/** The page with the runner's meta element as the first thing in its head. */
export function withRunnerToken(html: string, token: string): string {
  const meta = `<meta name="${RUNNER_META}" content="${token}">`;
  return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}${meta}`);
}
