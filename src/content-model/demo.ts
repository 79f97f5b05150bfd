import { z } from 'astro/zod';
import { INTERPRETERS, RUNTIME_IDS } from '../runtimes/runtime.ts';
import { PYTHON_NEEDS } from '../shared/python-frameworks.ts';

/**
 * Other ways to run a demo, each chosen in the workbench and recorded on its own: its command with
 * these arguments after it (many-clients' `--blocking`).
 */
export const variantsSchema = z
  .array(z.object({ label: z.string().min(1), args: z.array(z.string().regex(/^[\w.=-]+$/, 'must be a plain word such as --blocking')).min(1) }).strict())
  .optional();

/** For servers: the port it listens on. */
export const portSchema = z.number().int().min(1).max(65535).optional();

/**
 * The `demo` key of `demos/<id>/package.json`: what the workbench needs to run a demo.
 */
export const demoManifestSchema = z
  .object({
    /** Shown above the demo. */
    title: z.string().min(1),
    /** How to start it, e.g. "node main.js". Demos have no dependencies, so no install step. */
    command: z.string().regex(new RegExp(`^(${INTERPRETERS.join('|')})\\s+\\S+`), `must start with ${INTERPRETERS.map((name) => `"${name} "`).join(' or ')} and name a file`),
    /** Files the reader may edit (paths relative to the demo folder). */
    editable: z.array(z.string().min(1)).min(1),
    variants: variantsSchema,
    /** Runtimes able to run it, in order of preference. */
    runtimes: z.array(z.enum(RUNTIME_IDS)).min(1),
    /** For servers: the port it listens on, shown in the preview. */
    port: portSchema,
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

/**
 * A loaded demo: its manifest plus the files a run mounts (for a demo folder, every file of it;
 * for a Python program, the program and the files it uses), and its recordings as replay.json
 * and, for each variant, replay-<arguments>.json.
 */
export const demoSchema = demoManifestSchema.extend({
  /** Where its files are, from the project root: "demos/comet-chat", "demos/python". */
  folder: z.string().min(1),
  /** For a Python program: what it needs installed besides Python. */
  framework: z.enum(PYTHON_NEEDS).optional(),
  /** Environment variables it is always run with. */
  env: z.record(z.string(), z.string()).optional(),
  files: z.array(demoFileSchema).min(1),
});

export type DemoFile = z.infer<typeof demoFileSchema>;
export type Demo = z.infer<typeof demoSchema>;
