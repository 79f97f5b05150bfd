// One run of a demo as a real process: started as the leader of a process group of its own, so
// Stop (and a limit) ends it and every child or fork it made at once, with one signal to the group.
import { spawn } from 'node:child_process';
import { formatSeconds } from '../shared/words.ts';

export interface Limits {
  /** Wall-clock time a run may take. */
  timeMs: number;
  /** Bytes of stdout and stderr a run may print. */
  outputBytes: number;
}

export type ProcessEnd =
  | { reason: 'exit'; code: number | null; message?: string }
  | { reason: 'stopped'; code: null; message?: string }
  | { reason: 'error'; code: null; message: string };

export interface RunningProcess {
  readonly pid: number | undefined;
  /** Settles once the process has exited and its output has been handed over. */
  readonly ended: Promise<ProcessEnd>;
  /** SIGKILL to the whole group. */
  stop(): void;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const timeLimitMessage = (limits: Limits) =>
  `Stopped by the local runner: the run went past its time limit of ${formatSeconds(limits.timeMs)}.`;
export const outputLimitMessage = (limits: Limits) =>
  `Stopped by the local runner: the run printed more than ${megabytes(limits.outputBytes)}, its output limit.`;

export function runProcess(
  program: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; limits: Limits; onOutput(text: string): void },
): RunningProcess {
  const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let printed = 0;
  let limitHit: string | undefined;
  let stoppedByReader = false;
  /** Once it is gone, its pid may be another's: nothing is signalled any more. */
  let closed = false;
  const killGroup = () => {
    if (child.pid === undefined || closed) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  };
  const hit = (message: string) => {
    if (limitHit || stoppedByReader) return;
    limitHit = message;
    killGroup();
  };
  const take = (chunk: Buffer) => {
    if (limitHit || stoppedByReader) return;
    const room = options.limits.outputBytes - printed;
    printed += chunk.length;
    if (printed > options.limits.outputBytes) {
      if (room > 0) options.onOutput(chunk.subarray(0, room).toString('utf8'));
      hit(outputLimitMessage(options.limits));
      return;
    }
    options.onOutput(chunk.toString('utf8'));
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const timer = setTimeout(() => hit(timeLimitMessage(options.limits)), options.limits.timeMs);
  // Children it left behind may hold its output open: they go when it goes, so 'close' comes.
  child.once('exit', killGroup);
  const ended = new Promise<ProcessEnd>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ reason: 'error', code: null, message: error.code === 'ENOENT' ? `${program} is not installed on this computer` : error.message });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      closed = true;
      if (limitHit) resolve({ reason: 'stopped', code: null, message: limitHit });
      else if (stoppedByReader) resolve({ reason: 'stopped', code: null });
      // Ended by a signal nobody here sent: a crash, or Node aborting past its memory limit.
      else if (signal) resolve({ reason: 'exit', code: null, message: `the program was ended by ${signal}` });
      else resolve({ reason: 'exit', code });
    });
  });
  return {
    pid: child.pid,
    ended,
    stop() {
      if (limitHit || stoppedByReader) return;
      stoppedByReader = true;
      killGroup();
    },
  };
}
