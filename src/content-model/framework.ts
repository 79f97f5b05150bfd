import { reference } from 'astro:content';
import { z } from 'astro/zod';

const fact = z.string().min(1);

/**
 * Checked facts about one of the five systems (`content/frameworks.yaml`), taken from the
 * project's fact sheet. Comparison tables are generated from these entries, never typed twice.
 */
export const frameworkSchema = z.object({
  /** Display name: "Twisted", "Eventlet", "gevent", "Concurrence", "Node.js". */
  name: fact,
  /** Who started it. */
  author: fact,
  /** Year of the first commit or release. */
  year: z.number().int().min(1995).max(2030),
  /** What drives the loop (libevent, libev, libuv, epoll hubs…), then and now. */
  eventLoop: fact,
  /** How user code is suspended and resumed: callbacks, greenlets, tasklets… */
  mechanism: fact,
  /** Whether and how the standard library is patched to cooperate. */
  monkeyPatching: fact,
  /** The built-in way to run blocking work on threads. */
  threadPool: fact,
  /** How database drivers are made to cooperate. */
  databases: fact,
  /** The call that gives other tasks a turn. */
  cooperativeYield: fact,
  /** What tells you the loop was blocked. */
  blockedLoopDetection: fact,
  /** Where the project stands today, with a date. */
  status: fact,
  /** The loop and the mechanism in one line, for a slide: the other facts, shortened. */
  summary: fact.refine((text) => text.split(/\s+/).length <= 16, { message: 'a summary is read from a slide: 16 words at most' }),
  /** Coarse status, for a badge. */
  activity: z.enum(['active', 'maintenance', 'inactive']),
  /** Ids in `content/sources/*.yaml` backing the facts above. */
  sources: z.array(reference('sources')).min(1),
});

export type FrameworkData = z.infer<typeof frameworkSchema>;

/** Rows of a comparison table: field, and the label a reader sees. */
export const compareRows = [
  ['author', 'Started by'],
  ['eventLoop', 'Event loop'],
  ['mechanism', 'Mechanism'],
  ['monkeyPatching', 'Monkey patching'],
  ['threadPool', 'Thread pool'],
  ['databases', 'Databases'],
  ['cooperativeYield', 'Cooperative yield'],
  ['blockedLoopDetection', 'Blocked-loop detection'],
  ['status', 'Status today'],
] as const satisfies readonly (readonly [keyof FrameworkData, string])[];

export type CompareField = (typeof compareRows)[number][0];
