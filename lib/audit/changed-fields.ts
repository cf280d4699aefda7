// Audit entries keep only what an action changed, so before/after read as a diff.

/** The fields that differ, as { before, after } halves for the audit log. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } | null {
  const keys = Object.keys(after).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  ) as (keyof T)[];
  if (keys.length === 0) return null;
  const pick = (source: T) => Object.fromEntries(keys.map((k) => [k, source[k]])) as Partial<T>;
  return { before: pick(before), after: pick(after) };
}
