import type { Database } from "@/lib/db/client";

/**
 * `build(db)` made once per database handle and kept with it (a test file's database gets its
 * own): for statements a sandbox prepares once instead of building on every request.
 */
export function perDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
