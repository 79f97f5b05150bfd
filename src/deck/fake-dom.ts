/**
 * Stand-ins for the few DOM objects the deck's controllers touch, so their unit tests run in
 * Node: the unit project has no DOM environment, and one would be a new dependency. Only tests
 * import this file.
 */

/**
 * An element described by the simple selectors it matches (`'textarea'`, `'[data-deck-slide]'`)
 * and its parent: enough for the focus rule's `matches` and `closest`. Tests install it as the
 * global `Element` (vi.stubGlobal) so the rule's `instanceof Element` holds.
 */
export class FakeElement extends EventTarget {
  focused = false;
  readonly #attributes = new Set<string>();

  constructor(
    readonly selectors: readonly string[] = [],
    readonly parentElement: FakeElement | null = null,
  ) {
    super();
  }

  matches(selectorList: string): boolean {
    return selectorList.split(',').some((selector) => this.selectors.includes(selector.trim()));
  }

  closest(selectorList: string): FakeElement | null {
    return this.matches(selectorList) ? this : (this.parentElement?.closest(selectorList) ?? null);
  }

  hasAttribute(name: string): boolean {
    return this.#attributes.has(name);
  }

  toggleAttribute(name: string, force = !this.hasAttribute(name)): boolean {
    if (force) this.#attributes.add(name);
    else this.#attributes.delete(name);
    return force;
  }

  removeAttribute(name: string): void {
    this.#attributes.delete(name);
  }

  focus(): void {
    this.focused = true;
  }

  blur(): void {
    this.focused = false;
  }
}

/**
 * An event source (the document, a window, an element) that hands its listeners plain objects
 * holding only the fields a controller reads, since Node has no KeyboardEvent or PointerEvent.
 */
export class FakeEvents<E> {
  readonly #listeners = new Map<string, Set<(event: E) => void>>();

  addEventListener(type: string, listener: (event: E) => void): void {
    this.#listeners.set(type, (this.#listeners.get(type) ?? new Set()).add(listener));
  }

  removeEventListener(type: string, listener: (event: E) => void): void {
    this.#listeners.get(type)?.delete(listener);
  }

  dispatch(type: string, event: E): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}
