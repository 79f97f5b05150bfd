import type { Page } from '@playwright/test';

/**
 * A real WebContainer cannot boot here (its servers are out of reach), so tests put a fake of its
 * interface in the page's boot slot, the one src/runtimes/webcontainer-runtime.ts keeps on
 * globalThis, before the page loads. A full page load runs the init script again and starts from
 * nothing; a page move made in place keeps the realm, the fake and its counters.
 */
export interface FakeWebContainerOptions {
  /** 'booted': ready at once; 'pending': booting until the page calls `finishBoot()`. */
  boot: 'booted' | 'pending';
  /** Its processes run until killed (as a server does), or print one line and exit 0. */
  processes: 'until-killed' | 'exit-at-once';
  /** Demos (their folder names) it refuses to start, as a spawn that fails. */
  refuse?: string[];
}

/** What the fake saw, as `globalThis.fakeWebContainer` in the page. */
export interface FakeWebContainerCounters {
  /** The folder (cwd) of every process it started. */
  spawns: string[];
  kills: number;
}

export async function installFakeWebContainer(page: Page, options: FakeWebContainerOptions): Promise<void> {
  await page.addInitScript(({ boot, processes, refuse = [] }: FakeWebContainerOptions) => {
    const counters: FakeWebContainerCounters = { spawns: [], kills: 0 };
    const container = {
      fs: { rm: async () => {} },
      mount: async () => {},
      on: () => () => {},
      teardown() {},
      async spawn(command: string, args: string[], spawnOptions?: { cwd?: string }) {
        const cwd = `${spawnOptions?.cwd}`;
        if (refuse.includes(cwd)) throw new Error(`ENOENT: this fake does not run ${cwd}`);
        counters.spawns.push(cwd);
        let close!: () => void;
        let finish!: (code: number) => void;
        const exit = new Promise<number>((resolve) => (finish = resolve));
        const output = new ReadableStream<string>({
          start(controller) {
            controller.enqueue(`fake ${command} ${args.join(' ')} in ${cwd}\n`);
            close = () => controller.close();
            if (processes === 'exit-at-once') {
              close();
              finish(0);
            }
          },
        });
        return {
          output,
          exit,
          kill() {
            counters.kills++;
            close();
            finish(143);
          },
        };
      },
    };
    let finishBoot!: () => void;
    const booting = boot === 'booted' ? Promise.resolve(container) : new Promise((resolve) => (finishBoot = () => resolve(container)));
    Object.assign(globalThis, { fakeWebContainer: counters, finishBoot });
    (globalThis as Record<symbol, unknown>)[Symbol.for('async-talk.webcontainer')] = { booting };
  }, options);
}

export const fakeCounters = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { fakeWebContainer: FakeWebContainerCounters }).fakeWebContainer);

/** Lets a 'pending' fake's boot finish. */
export const finishBoot = (page: Page) => page.evaluate(() => (globalThis as unknown as { finishBoot: () => void }).finishBoot());
