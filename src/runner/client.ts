// A Node client of the local runner, as a page talks to it: for the preflight, the bench and
// the tests. `headers` are sent as given (Host too), so a test can send what an attacker would.
import { request, type IncomingHttpHeaders } from 'node:http';
import { RUN_PATH, type RunnerEvent, type RunnerRequest } from '../shared/runner-protocol.ts';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  events: RunnerEvent[];
}

/**
 * POSTs a run and collects the answer; `onEvent` sees each event as it streams, and may call
 * `abort` (what Stop does in the page).
 */
export function postRun(
  port: number,
  headers: Record<string, string>,
  body: Partial<RunnerRequest> | string,
  onEvent?: (event: RunnerEvent, abort: () => void) => void,
  path = RUN_PATH,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const events: RunnerEvent[] = [];
    let text = '';
    let pending = '';
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers, setHost: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (res.statusCode !== 200) return;
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as RunnerEvent;
          events.push(event);
          onEvent?.(event, () => {
            req.destroy();
            resolve({ status: res.statusCode!, headers: res.headers, body: text, events });
          });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, events }));
      res.on('error', () => undefined);
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

export const outputOf = (answer: Answer) =>
  answer.events.flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');
export const exitOf = (answer: Answer) => answer.events.find((event) => event.type === 'exit');
