// Before/after of an audit entry as rows a person can scan: one row per leaf value (objects are
// walked into "a.b.c" paths; arrays are compared whole, since an index path like "features.2"
// says little about what changed in a list).

export type DiffChange = "added" | "removed" | "changed" | "unchanged";

export type DiffRow = {
  path: string; // "" for a value that is not an object
  before: unknown;
  after: unknown;
  change: DiffChange;
};

const ABSENT = Symbol("absent");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, prefix ? `${prefix}.${key}` : key, out);
    }
  } else {
    out.set(prefix, value);
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rows for every path in either value, changed ones first, each group in path order. */
export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, "", left);
  if (after !== null && after !== undefined) flatten(after, "", right);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  const rows = paths.map((path): DiffRow => {
    const a = left.has(path) ? left.get(path) : ABSENT;
    const b = right.has(path) ? right.get(path) : ABSENT;
    const change: DiffChange =
      a === ABSENT ? "added" : b === ABSENT ? "removed" : same(a, b) ? "unchanged" : "changed";
    return {
      path,
      before: a === ABSENT ? undefined : a,
      after: b === ABSENT ? undefined : b,
      change,
    };
  });
  return [
    ...rows.filter((r) => r.change !== "unchanged"),
    ...rows.filter((r) => r.change === "unchanged"),
  ];
}

/** A leaf value as text for the diff table: strings bare, the rest as JSON. */
export function diffValueText(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
