import { expect, test, type Page } from '@playwright/test';
import { fakeCounters, installFakeWebContainer } from './fake-webcontainer.ts';

/**
 * A chapter left by an in-place page move (src/workbench/keep-alive-navigation.ts, on once a
 * WebContainer has booted) must take its workbench with it: no worker, no terminal, no observer,
 * no listener on the page left behind, however many times the reader goes back and forth while
 * demos run.
 *
 * A real WebContainer cannot boot here, so a booted fake sits in the page's slot. It runs
 * reactor-callbacks until killed, and refuses coroutines, which the fallback policy then runs in a
 * Web Worker; coroutines' saved edit runs until stopped. So each chapter is left while its demo
 * runs: one in the (fake) WebContainer, one in a real Worker, in its sandbox frame.
 */
async function instrument(page: Page) {
  await installFakeWebContainer(page, { boot: 'booted', processes: 'until-killed', refuse: ['coroutines'] });
  await page.addInitScript(() => {
    const live = { workers: 0, resizeObservers: 0, listeners: 0 };
    Object.assign(globalThis, { live });

    // Demo sandboxes alive (the frame each Worker run lives in): added, minus removed. A page
    // swap drops the old body without removing the frame, so only the run's own cleanup counts.
    const isSandbox = (node: unknown) => node instanceof HTMLIFrameElement && 'demoSandbox' in node.dataset;
    const nativeAppend = Element.prototype.append;
    Element.prototype.append = function (...nodes: (Node | string)[]) {
      live.workers += nodes.filter(isSandbox).length;
      nativeAppend.apply(this, nodes);
    };
    const removed = new WeakSet<Element>();
    const nativeRemove = Element.prototype.remove;
    Element.prototype.remove = function () {
      if (isSandbox(this) && !removed.has(this)) {
        removed.add(this);
        live.workers--;
      }
      nativeRemove.call(this);
    };

    // ResizeObservers observing something (the terminal and the timeline each keep one).
    const NativeResizeObserver = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class extends NativeResizeObserver {
      #observing = false;
      override observe(...args: Parameters<ResizeObserver['observe']>) {
        if (!this.#observing) live.resizeObservers++;
        this.#observing = true;
        super.observe(...args);
      }
      override disconnect() {
        if (this.#observing) live.resizeObservers--;
        this.#observing = false;
        super.disconnect();
      }
    };

    // Listeners on the window and the document, which outlive every page move.
    const registered = new Set<string>();
    const ids = new WeakMap<object, number>();
    let nextId = 0;
    const key = (target: EventTarget, type: string, listener: unknown, options?: boolean | EventListenerOptions) => {
      if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return undefined;
      if (!ids.has(listener)) ids.set(listener, nextId++);
      const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
      return `${target === window ? 'window' : 'document'}:${type}:${ids.get(listener)}:${capture}`;
    };
    for (const target of [window, document] as EventTarget[]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      target.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
        const id = key(target, type, listener, options);
        // A { once: true } listener removes itself when it fires; counted as gone only if removed.
        if (id && !(typeof options === 'object' && options.once)) registered.add(id);
        add(type, listener, options);
      };
      target.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) => {
        const id = key(target, type, listener, options);
        if (id) registered.delete(id);
        remove(type, listener, options);
      };
    }
    Object.defineProperty(live, 'listeners', { get: () => registered.size });

  });
}

interface Live {
  workers: number;
  resizeObservers: number;
  listeners: number;
}
const live = (page: Page) => page.evaluate(() => ({ ...(globalThis as unknown as { live: Live }).live, listeners: (globalThis as unknown as { live: Live }).live.listeners }));
const status = (page: Page) => page.locator('.wb-runtime');

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function runHere(page: Page, runtime: RegExp) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toHaveText(runtime);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
}

test('moving in place between two chapters with running demos, 20 times, leaves no workbench, worker, observer or listener behind', async ({ page }) => {
  test.setTimeout(180_000);
  await instrument(page);
  await page.goto('/chapters/twisted/');
  await page.evaluate(() => {
    localStorage.clear();
    // coroutines' main.js, edited to run until it is stopped.
    localStorage.setItem('async-talk:demo-edit:coroutines:main.js', 'setInterval(() => console.log("still here"), 50);\n');
    Object.assign(globalThis, { realmMark: 'first page' });
  });

  const there = async () => {
    await page.getByRole('link', { name: /^Next/ }).click();
    await expect(page).toHaveURL(/\/chapters\/greenlets\/$/);
    await runHere(page, /^Ran in a Web Worker: WebContainer could not start "node main\.js" \(ENOENT/);
    await expect.poll(async () => (await live(page)).workers).toBe(1);
  };
  const back = async () => {
    await page.getByRole('link', { name: /^Previous/ }).click();
    await expect(page).toHaveURL(/\/chapters\/twisted\/$/);
    await runHere(page, /^Ran in WebContainer/);
  };

  await runHere(page, /^Ran in WebContainer/);
  await there();
  await back();
  // The baseline: one round trip made, a demo running on this page.
  const baseline = await live(page);
  const heap = await heapAfterGc(page);
  expect(baseline.workers).toBe(0);

  for (let round = 2; round <= 20; round++) {
    await there();
    await back();
  }
  expect(await page.evaluate(() => (globalThis as { realmMark?: string }).realmMark), 'every move was made in place').toBe('first page');
  const now = await live(page);
  // One workbench, this page's; the Worker of every greenlets visit terminated.
  await expect(page.locator('.workbench')).toHaveCount(1);
  expect(now.workers).toBe(0);
  expect(now.resizeObservers).toBe(baseline.resizeObservers);
  expect(now.listeners).toBe(baseline.listeners);
  // Every run left behind was stopped: all but this page's.
  const fake = await fakeCounters(page);
  expect(fake.spawns).toHaveLength(21);
  expect(fake.kills).toBe(fake.spawns.length - 1);
  expect(Math.abs((await heapAfterGc(page)) - heap), 'JS heap after a GC, against the baseline').toBeLessThan(5 * 1024 * 1024);
});
