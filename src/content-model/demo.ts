import { z } from 'astro/zod';

/** The runtimes a demo can declare, best first. */
export const runtimeIds = ['webcontainer', 'worker', 'replay'] as const;

/**
 * The `demo` key of `demos/<id>/package.json`: what the workbench needs to run a demo.
 */
export const demoManifestSchema = z
  .object({
    /** Shown above the demo. */
    title: z.string().min(1),
    /** How to start it, e.g. "node main.js". Demos have no dependencies, so no install step. */
    command: z.string().regex(/^node\s+\S+/, 'must start with "node " and name a file'),
    /** Files the reader may edit (paths relative to the demo folder). */
    editable: z.array(z.string().min(1)).min(1),
    /** Runtimes able to run it, in order of preference. */
    runtimes: z.array(z.enum(runtimeIds)).min(1),
    /** For servers: the port it listens on, shown in the preview. */
    port: z.number().int().min(1).max(65535).optional(),
    /**
     * For a server that lists the replay runtime: how `npm run demos:record` records it. A server
     * does not run and exit on its own, so the recorder starts it, runs `client` (a Node script
     * in the folder that talks to http://127.0.0.1:$PORT and exits) against it, then stops it.
     * `env` is set for the server as well (e.g. a short timeout, so the session can show one).
     */
    session: z
      .object({
        client: z.string().min(1),
        env: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .optional(),
  })
  .strict();

export type DemoManifest = z.infer<typeof demoManifestSchema>;

/** One file of a demo, as mounted into a runtime. */
export const demoFileSchema = z.object({ path: z.string(), contents: z.string() });

/** A loaded demo: its manifest plus every file of its folder. */
export const demoSchema = demoManifestSchema.extend({
  files: z.array(demoFileSchema).min(1),
});

export type DemoFile = z.infer<typeof demoFileSchema>;
export type Demo = z.infer<typeof demoSchema>;
