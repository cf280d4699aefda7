// lib/db/json-rows.ts inlines the billing run's rows into the SQL text as one dollar-quoted
// literal (no parameters, so postgres.js sends the statement in one message). What goes in there
// includes the provider's raw answer, which is hostile input: nothing in it may end the literal,
// and every value must come back exactly as it went in.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { insertJsonRows, jsonRows, tableRows } from "@/lib/db/json-rows";
import { chargeAttempts, users } from "@/lib/db/schema";

const HOSTILE = [
  "$rows$",
  "$rows$::jsonb) as x(a text); drop table users; --",
  "$rows1$ $rows2$ $$ $",
  "'; drop table users; --",
  'back\\slash \\u0041 "quoted"',
  "줄\n바꿈\t탭 \u2028 💳 결제",
  "]$rows",
];

test("hostile text, dates, nulls and nested JSON come back exactly as sent", async () => {
  const approvedAt = new Date("2026-12-01T00:00:00.123Z");
  const rows = HOSTILE.map((text, i) => [
    text,
    i % 2 === 0 ? approvedAt : null,
    { payStatus: text, nested: [text, i, null, { deeper: text }] },
  ]);
  const query = sql`select * from ${jsonRows("answer", [chargeAttempts.orderId, chargeAttempts.approvedAt, chargeAttempts.rawResponse], rows)}`;
  const answered = await db().execute<{
    order_id: string;
    approved_at: string | Date | null;
    raw_response: unknown;
  }>(query);

  expect(answered.map((row) => row.order_id)).toEqual(HOSTILE);
  expect(answered.map((row) => (row.approved_at ? new Date(row.approved_at) : null))).toEqual(
    HOSTILE.map((_, i) => (i % 2 === 0 ? approvedAt : null)),
  );
  expect(answered.map((row) => row.raw_response)).toEqual(rows.map((row) => row[2]));
  // Nothing ran but the select: the table is still there.
  expect(await db().select().from(users)).toEqual([]);
});

test("insertJsonRows with per-statement columns, read back by tableRows exactly as drizzle's select reads them", async () => {
  const rows = [
    {
      id: "u-1",
      email: "a@example.test",
      name: "김하나",
      providerCustomerId: "cus_a",
      emailVerified: new Date("2026-12-01T01:02:03.456Z"),
    },
    {
      id: "u-2",
      email: "b@example.test",
      name: null,
      providerCustomerId: "cus_b",
      emailVerified: null,
    },
  ];
  const raw = await db().execute<Record<string, unknown>>(
    insertJsonRows(users, rows, sql`returning *`, { role: sql`'admin'::user_role` }),
  );
  const returned = tableRows(users, raw);
  const selected = await db().select().from(users).orderBy(users.id);

  expect(returned).toEqual(selected);
  expect(selected.map(({ id, role, emailVerified }) => ({ id, role, emailVerified }))).toEqual([
    { id: "u-1", role: "admin", emailVerified: new Date("2026-12-01T01:02:03.456Z") },
    { id: "u-2", role: "admin", emailVerified: null },
  ]);
  // Database defaults still apply to the columns left out.
  expect(selected.every((user) => user.createdAt instanceof Date)).toBe(true);
});

test("insertJsonRows refuses to leave out a column drizzle fills in JavaScript", () => {
  expect(() => insertJsonRows(users, [{ email: "c@example.test" }])).toThrow(
    /id has a JavaScript default/,
  );
});
