// The harness itself: every test file must get its own migrated, empty database.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { users } from "@/lib/db/schema";

test("DATABASE_URL points at this file's own clone of the migrated template", async () => {
  const url = new URL(getEnv().DATABASE_URL ?? "");
  const [row] = await db().execute<{ name: string }>(sql`select current_database() as name`);
  expect(row?.name).toBe(url.pathname.slice(1));
  expect(row?.name).toMatch(/^test_\d+_[0-9a-f]{8}$/);
});

test("all committed migrations are applied and the tables start empty", async () => {
  const journal = JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as {
    entries: unknown[];
  };
  const [applied] = await db().execute<{ count: number }>(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  expect(applied?.count).toBe(journal.entries.length);
  expect(await db().select().from(users)).toEqual([]);
});
