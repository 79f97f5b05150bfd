// The replay runtime: the runtime of no live code. It plays a transcript of a real Node run with its
// original timing, so the page still shows what the demo does where nothing can run it (no
// cross-origin isolation, no network, a server demo without WebContainer). It refuses edited
// code: output the code did not produce would be a lie.
import { runsLiveInBrowser, type Availability, type DemoToRun, type RunHandle, type RunOptions, type Runtime } from './runtime.ts';
import { startRunTask, TaskSettled } from './task.ts';
import { filesDigest, parseTranscript, recordingFile, type Transcript } from './transcript.ts';

export type LoadTranscript = (demo: DemoToRun) => Promise<Transcript | undefined>;

/** Reads the recording of the demo's command from among its files (the demo loader collects every file of the folder). */
export const transcriptFromFiles: LoadTranscript = async (demo) => {
  const file = demo.files.find((f) => f.path === recordingFile(demo.command));
  return file && parseTranscript(JSON.parse(file.contents), `demos/${demo.id}/${file.path}`);
};

/**
 * Fetches the demo's transcript from `demo.transcriptUrl` (a static file of the build, see
 * src/pages/demos/[id]/replay.json.ts), once per page: a fetched transcript is kept, a failed
 * fetch is tried again on the next run. Without a URL, the demo has no recorded run.
 */
export function transcriptFromUrl(fetcher: typeof fetch = (input, init) => fetch(input, init)): LoadTranscript {
  const fetched = new Map<string, Promise<Transcript>>();
  return async (demo) => {
    const url = demo.transcriptUrl;
    if (!url) return undefined;
    let transcript = fetched.get(url);
    if (!transcript) {
      transcript = (async () => {
        const label = `the recorded run (${url})`;
        const response = await fetcher(url).catch((error: unknown) => {
          throw new Error(`${label} could not be fetched: ${(error as Error).message}`);
        });
        if (!response.ok) throw new Error(`${label} could not be fetched: the server answered ${response.status} ${response.statusText}`.trimEnd());
        const data: unknown = await response.json().catch(() => {
          throw new Error(`${label} is not valid JSON`);
        });
        return parseTranscript(data, `demos/${demo.id}/${recordingFile(demo.command)}`);
      })();
      fetched.set(url, transcript);
      transcript.catch(() => fetched.delete(url));
    }
    return transcript;
  };
}

/** The default: the transcript among the files if it is there (tests, scripts), else fetched. */
function transcriptFromFilesOrUrl(): LoadTranscript {
  const fromUrl = transcriptFromUrl();
  return async (demo) => (await transcriptFromFiles(demo)) ?? fromUrl(demo);
}

/** Why an edited demo cannot be replayed, as a clause for the sentence about runtimes. */
export const EDITED_REASON = 'its files have been edited, and a replay can only show a run of the original code';

/** What the terminal says instead of the run, when the demo was edited: how to run the edit after all. */
export function editedMessage(demo: Pick<DemoToRun, 'runtimes'>): string {
  const where = runsLiveInBrowser(demo.runtimes ?? ['worker'])
    ? 'or open this page where WebContainer or a Web Worker can run your version'
    : 'or run your version on your own computer: `npm run present` serves this page with the local runner, which runs it for real';
  return `Replay can only show the recorded run of the original code, and these files have been edited. Reset the demo to replay it, ${where}.`;
}
/** The message for a demo that a browser runtime can run. */
export const EDITED_MESSAGE = editedMessage({ runtimes: ['worker'] });

export interface ReplayRuntimeOptions {
  loadTranscript?: LoadTranscript;
  /** 2 plays twice as fast. */
  speed?: number;
  /** Tests pass a synchronous stand-in: Web Crypto settles outside vitest's fake timers. */
  digest?: typeof filesDigest;
}

export class ReplayRuntime implements Runtime {
  readonly id = 'replay';
  readonly #load: LoadTranscript;
  readonly #speed: number;
  readonly #digest: typeof filesDigest;

  constructor(options: ReplayRuntimeOptions = {}) {
    this.#load = options.loadTranscript ?? transcriptFromFilesOrUrl();
    this.#speed = options.speed ?? 1;
    this.#digest = options.digest ?? filesDigest;
  }

  /** Why this demo cannot be replayed, or undefined if it can. */
  async #refusal(demo: DemoToRun, transcript: Transcript | undefined): Promise<string | undefined> {
    if (!transcript) return `there is no recorded run of \`${demo.command}\` (demos/${demo.id}/${recordingFile(demo.command)}); run \`npm run demos:record\``;
    if ((await this.#digest(demo.files)) !== transcript.filesDigest) return editedMessage(demo);
    return undefined;
  }

  async available(demo?: DemoToRun): Promise<Availability> {
    if (!demo) return { ok: true, why: 'a recorded run needs nothing but this page' };
    // A transcript the page only links is fetched and checked by run(), not here: available()
    // does no network. If it is missing or the code was edited, run() says so in the output
    // and ends with reason 'error', so the fallback policy tries the next runtime.
    if (demo.transcriptUrl && !demo.files.some((file) => file.path === recordingFile(demo.command))) {
      return { ok: true, why: 'a recorded run of this demo is published with this page' };
    }
    try {
      const refusal = await this.#refusal(demo, await this.#load(demo));
      if (refusal) return { ok: false, why: refusal === editedMessage(demo) ? EDITED_REASON : refusal };
      return { ok: true, why: 'a recorded run of this exact code exists' };
    } catch (error) {
      return { ok: false, why: (error as Error).message };
    }
  }

  run(demo: DemoToRun, options: RunOptions): RunHandle {
    return startRunTask(options, async (task) => {
      let transcript: Transcript | undefined;
      let refusal: string | undefined;
      try {
        transcript = await task.until(this.#load(demo));
        refusal = await task.until(this.#refusal(demo, transcript));
      } catch (error) {
        if (error instanceof TaskSettled) throw error;
        return task.fail(`Cannot replay: ${(error as Error).message}`);
      }
      if (refusal === editedMessage(demo)) {
        task.output.write(`${refusal}\n`);
        return task.settle({ code: null, reason: 'error', message: EDITED_REASON });
      }
      if (refusal) return task.fail(`Cannot replay: ${refusal}.`);
      const events = transcript!.events;
      const started = performance.now();
      let next = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      task.onCleanup(() => clearTimeout(timer));
      // One timer at a time, aimed at the next event's time from the start, so lateness
      // does not accumulate over a long transcript.
      const tick = () => {
        const now = (performance.now() - started) * this.#speed;
        while (next < events.length && events[next]!.at <= now) task.output.write(events[next++]!.text);
        // A recorded server was stopped by the recorder: a Python one has no exit code then.
        if (next === events.length) return task.settle(transcript!.exitCode === null ? { code: null, reason: 'stopped' } : { code: transcript!.exitCode, reason: 'exit' });
        timer = setTimeout(tick, (events[next]!.at - now) / this.#speed);
      };
      tick();
    });
  }
}
