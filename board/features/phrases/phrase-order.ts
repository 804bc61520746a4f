/**
 * A group's ids with `id` moved one place up (-1) or down (+1); the same order when it cannot
 * move (already first or last, or not in the group).
 */
export function movedOneStep(ids: readonly string[], id: string, by: -1 | 1): string[] {
  const from = ids.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ids.length) return [...ids];
  const moved = [...ids];
  moved[from] = ids[to] as string;
  moved[to] = id;
  return moved;
}
