// Runs in the worker before each test file's own imports: gives the file a fresh database
// cloned from the migrated template and points DATABASE_URL at it, so `db()` just works and no
// test sees another file's rows. The database is dropped when the file finishes.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { withDatabase } from "@/scripts/support/local-postgres";
import "./provided-context";

const serverUrl = inject("testDatabaseServerUrl");
const template = inject("testDatabaseTemplate");
const databaseName = `test_${process.pid}_${randomBytes(4).toString("hex")}`;

async function onServer<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

await onServer(async (sql) => {
  // PostgreSQL refuses to copy a template while another session is copying it; with two
  // workers starting at once that can happen, so retry briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.unsafe(`create database "${databaseName}" template "${template}"`);
      return;
    } catch (error) {
      const busy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!busy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
});

// Set before the test file is imported: lib/env.ts reads these on first use.
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: withDatabase(serverUrl, databaseName),
  AUTH_SECRET: "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  BILLING_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  CRON_SECRET: "test-cron-secret-0123456789abcdefghijklmnop",
  APP_URL: "http://localhost:3000",
});

afterAll(async () => {
  // Imported lazily so the test file's own module instance (and its pool) is the one closed.
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  await onServer((sql) => sql.unsafe(`drop database if exists "${databaseName}" with (force)`));
});
