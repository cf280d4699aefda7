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
  const client = postgres(env.DATABASE_URL, poolOptions(env));
  globalForDb.__db = drizzle({ client, schema, casing: "snake_case" });
  return globalForDb.__db;
}

/** The postgres.js options of the app's pool (exported for the test that drops connections). */
export function poolOptions(
  env: Pick<ReturnType<typeof getEnv>, "DATABASE_POOL_MAX" | "DATABASE_PREPARE">,
): postgres.Options<Record<string, never>> {
  return {
    max: env.DATABASE_POOL_MAX,
    // Off by default: transaction-mode poolers (Supabase, Neon) do not keep prepared statements
    // across connections. DATABASE_PREPARE=true on a direct connection saves a round trip per
    // query (bench:billing measures the difference).
    prepare: env.DATABASE_PREPARE,
    // postgres.js otherwise sends a query for the array types on every new connection, and
    // nothing awaits its promise: a connection that drops during it (a restarted or scaled-down
    // database, a network blip) raises an unhandled rejection, which stops a Node process.
    // The app needs no type map: drizzle reads and writes its two array columns
    // (merchant_settings' dunning_retry_days and enabled_providers) as PostgreSQL array text,
    // and no raw query selects an array. It also saves that round trip on every cold start.
    fetch_types: false,
    onnotice: () => {},
  };
}

/** Closes the pool (scripts and tests; the server keeps it for its lifetime). */
export async function closeDb(): Promise<void> {
  const current = globalForDb.__db;
  globalForDb.__db = undefined;
  await current?.$client.end({ timeout: 5 });
}
