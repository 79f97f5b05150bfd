import { z } from 'astro/zod';
import measured from '../../content/data/chat-scale.json';

/**
 * The chat servers holding 100, 1,000 and 10,000 waiting clients, as `npm run bench` last
 * measured them (content/data/chat-scale.json, committed with its date and machine), read once
 * for the table and the chart. A count a server could not hold is a run with `stopped`.
 */
const run = z.union([
  z.object({
    clients: z.number().int(),
    threads: z.number().int(),
    rssIdleMb: z.number(),
    rssWaitingMb: z.number(),
    wakeAllMs: z.number(),
  }),
  z.object({ clients: z.number().int(), stopped: z.string() }),
]);

const schema = z.object({
  measuredAt: z.string(),
  machine: z.string(),
  clients: z.array(z.number().int()),
  results: z.array(z.object({ server: z.string(), version: z.string(), runs: z.array(run) })),
});

export type ChatScaleRun = z.infer<typeof run>;
export type HeldRun = Extract<ChatScaleRun, { threads: number }>;

export const chatScale = schema.parse(measured);

export const isHeld = (measuredRun: ChatScaleRun): measuredRun is HeldRun => 'threads' in measuredRun;

/** What each waiting client added to the server's resident memory, in KB. */
export const perClientKb = ({ rssIdleMb, rssWaitingMb, clients }: HeldRun): number => ((rssWaitingMb - rssIdleMb) * 1024) / clients;
