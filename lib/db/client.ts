import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
// The type of `db()` or of a transaction inside it: queries accept either.
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

// One pool per process. Next's dev server re-evaluates modules on every edit (HMR), so the
// pool lives on globalThis instead of in a module variable.
const globalForDb = globalThis as unknown as { __db?: Database };

export function db(): Database {
  if (globalForDb.__db) return globalForDb.__db;
  const env = getEnv();
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. Run the app with `npm run dev`, which starts a local PostgreSQL, or set DATABASE_URL.",
    );
  }
  const client = postgres(env.DATABASE_URL, {
    max: env.DATABASE_POOL_MAX,
    // Off by default: transaction-mode poolers (Supabase, Neon) do not keep prepared statements
    // across connections. DATABASE_PREPARE=true on a direct connection saves a round trip per
    // query (bench:billing measures the difference).
    prepare: env.DATABASE_PREPARE,
    onnotice: () => {},
  });
  globalForDb.__db = drizzle({ client, schema, casing: "snake_case" });
  return globalForDb.__db;
}

/** Closes the pool (scripts and tests; the server keeps it for its lifetime). */
export async function closeDb(): Promise<void> {
  const current = globalForDb.__db;
  globalForDb.__db = undefined;
  await current?.$client.end({ timeout: 5 });
}
