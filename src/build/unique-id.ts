const counters = new Map<string, number>();

/**
 * An id unique within the build, for components that can appear twice on one page (a table in
 * the prose and again on its slide). Render order is deterministic, so the ids are stable.
 */
export function uniqueId(prefix: string): string {
  const next = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, next);
  return `${prefix}-${next}`;
}
