// The local runtime: a demo run for real on the computer that served the page, by the local
// runner of `npm run present` or `npm run dev` (src/runner/). Python programs run on its python3
// with its gevent, Eventlet and Twisted; Node demos in its Node. The page only offers it when the
// server wrote the runner's secret into it (runner-token.ts): a static host never does, so there
// it is never asked for. Stop aborts the request, and the runner ends the process group.
import type { Availability, DemoToRun, RunHandle, RunOptions, Runtime } from './runtime.ts';
import { startRunTask } from './task.ts';
import { RUN_PATH, TOKEN_HEADER, type RunnerEvent, type RunnerRequest } from '../shared/runner-protocol.ts';
import type { PythonNeed } from '../shared/python-frameworks.ts';

/** What the local runtime needs of a demo besides what every runtime gets. */
export interface LocalDemo extends DemoToRun {
  folder?: string | undefined;
  framework?: PythonNeed | undefined;
  env?: Readonly<Record<string, string>> | undefined;
}

export interface LocalRuntimeOptions {
  token: string;
  fetch?: typeof fetch;
}

export class LocalRuntime implements Runtime {
  readonly id = 'local';
  readonly #token: string;
  readonly #fetch: typeof fetch;

  constructor(options: LocalRuntimeOptions) {
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async available(): Promise<Availability> {
    return { ok: true, why: 'this page was served with the local runner' };
  }

  run(demo: LocalDemo, options: RunOptions): RunHandle {
    return startRunTask(options, async (task) => {
      const request: RunnerRequest = {
        id: demo.id,
        command: demo.command,
        folder: demo.folder ?? `demos/${demo.id}`,
        files: demo.files.map(({ path, contents }) => ({ path, contents })),
        framework: demo.framework,
        env: { ...demo.env, ...options.env },
        port: demo.port,
      };
      let response: Response;
      try {
        response = await task.until(
          this.#fetch(RUN_PATH, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [TOKEN_HEADER]: this.#token },
            body: JSON.stringify(request),
            signal: task.signal,
          }),
        );
      } catch (error) {
        return task.fail(`The local runner did not answer (${(error as Error).message}): is \`npm run present\` still running?`);
      }
      if (!response.ok) {
        const text = (await task.until(response.text().catch(() => ''))).trim();
        const hint = response.status === 403 ? ' If the server was restarted, reload the page: each start has a new secret.' : '';
        return task.fail(`The local runner refused the run (${response.status}): ${text || response.statusText}${hint}`);
      }
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      task.onCleanup(() => void reader.cancel().catch(() => undefined));
      let pending = '';
      for (;;) {
        const { value, done } = await task.until(reader.read());
        if (done) break;
        pending += value;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          if (!line) continue;
          const event = JSON.parse(line) as RunnerEvent;
          if (event.type === 'output') task.output.write(event.text);
          else if (event.type === 'server-ready') options.onServerReady?.(event.port, event.url);
          else if (event.reason === 'error') return task.fail(event.message ?? 'the local runner could not run it');
          else return task.settle({ code: event.code, reason: event.reason, ...(event.message && { message: event.message }) });
        }
      }
      task.fail('The local runner ended the run without saying how it ended: is `npm run present` still running?');
    });
  }
}
