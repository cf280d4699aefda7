// The app's postgres.js pool (lib/db/client.ts poolOptions): a connection that dies during its
// first query must fail that query, not the process; and the array columns still read and write
// as arrays without postgres.js's type map.
import net from "node:net";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterEach, expect, test } from "vitest";
import { db, poolOptions } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { merchantSettings } from "@/lib/db/schema";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  // Last registered first: the pools end before the proxy waits for its connections to close.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A TCP proxy to the test database that lets the startup exchange through and then cuts the
 * first connection as soon as the client sends anything after PostgreSQL's first
 * ReadyForQuery: the database "restarting" under a brand-new connection.
 */
async function proxyThatDropsFirstQuery(databaseUrl: string): Promise<string> {
  const target = new URL(databaseUrl);
  let connections = 0;
  const server = net.createServer((client) => {
    const first = connections++ === 0;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    let ready = false;
    let pending = Buffer.alloc(0);
    upstream.on("data", (chunk) => {
      if (first && !ready) {
        // Server messages are a type byte and a big-endian length that counts itself.
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 5) {
          const length = pending.readUInt32BE(1);
          if (pending.length < length + 1) break;
          if (pending[0] === 0x5a) ready = true; // 'Z': ReadyForQuery
          pending = pending.subarray(length + 1);
        }
      }
      client.write(chunk);
    });
    client.on("data", (chunk) => {
      if (first && ready) {
        // A reset, not a clean close: postgres.js reconnects quietly after a close during
        // start-up, but an error rejects the queries in flight (ECONNRESET, as in production).
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close);
    upstream.on("error", close);
    client.on("close", close);
    upstream.on("close", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}

test("a connection that drops during its first query fails that query, with no unhandled rejection", async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  cleanups.push(async () => {
    process.off("unhandledRejection", onUnhandled);
  });

  const url = await proxyThatDropsFirstQuery(process.env.DATABASE_URL!);
  const client = postgres(url, poolOptions({ DATABASE_POOL_MAX: 1, DATABASE_PREPARE: false }));
  cleanups.push(() => client.end({ timeout: 1 }));

  const outcome = await client`select 1 as one`.then(
    () => "answered",
    (error: unknown) => error,
  );
  // The app sees any failure where it asked, as a connection error it can retry...
  if (outcome !== "answered") {
    expect(String((outcome as Error & { code?: string }).code)).toMatch(/ECONNRESET|CONNECTION_/);
  }
  // ...and nothing was left failing with no one to catch it.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(unhandled.map(String)).toEqual([]);

  // The pool recovers on a new connection.
  const [row] = await client`select 1 as one`;
  expect(row?.one).toBe(1);
});

test("the array columns read and write as arrays without postgres.js's type map", async () => {
  await db()
    .insert(merchantSettings)
    .values({ id: 1 })
    .onConflictDoNothing({ target: merchantSettings.id });
  const [written] = await db()
    .update(merchantSettings)
    .set({ dunningRetryDays: [2, 4, 10], enabledProviders: ["portone", "toss_pay"] })
    .where(eq(merchantSettings.id, 1))
    .returning({
      dunningRetryDays: merchantSettings.dunningRetryDays,
      enabledProviders: merchantSettings.enabledProviders,
    });
  expect(written).toEqual({
    dunningRetryDays: [2, 4, 10],
    enabledProviders: ["portone", "toss_pay"],
  });

  // A pool of its own, so the read goes over a connection that never fetched types.
  const client = postgres(
    process.env.DATABASE_URL!,
    poolOptions({ DATABASE_POOL_MAX: 1, DATABASE_PREPARE: false }),
  );
  cleanups.push(() => client.end({ timeout: 1 }));
  const fresh = drizzle({ client, schema, casing: "snake_case" });
  const [read] = await fresh
    .select({
      dunningRetryDays: merchantSettings.dunningRetryDays,
      enabledProviders: merchantSettings.enabledProviders,
    })
    .from(merchantSettings)
    .where(eq(merchantSettings.id, 1));
  expect(read).toEqual({ dunningRetryDays: [2, 4, 10], enabledProviders: ["portone", "toss_pay"] });
});
