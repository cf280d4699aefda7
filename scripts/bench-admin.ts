// npm run bench:admin [-- --subscriptions 1000000 --charges 5000000 --repetitions 7]
// How fast the admin answers at scale: seeds a fresh local PostgreSQL with `subscriptions`
// customers / payment methods / subscriptions and `charges` charge attempts (+ refunds, provider
// events, notifications, audit rows; scripts/support/seed-admin-scale.ts), then times, through
// the same lib/admin functions the admin pages call, every list (first and a deep page), search,
// sort direction, filter, dashboard figure and a CSV batch. Prints a table (p50/p95 ms, flagged
// over --budget-ms) on stderr and JSON on stdout.
//
// The seeded database is kept between runs (named by the sizes and a hash of the migrations and
// the seed), so a second run with the same schema skips the load; --fresh reseeds.
// Options: --only <substring[,substring…]> (run the matching cases only), --budget-ms <n>
// (default 50).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { z } from "zod";
import { createDatabaseIfMissing } from "./support/local-database";
import { startLocalPostgres, withDatabase } from "./support/local-postgres";
import { loadLocalSecrets } from "./support/local-secrets";
import { seedAdminScale } from "./support/seed-admin-scale";

const argsSchema = z.object({
  subscriptions: z.coerce.number().int().min(100).max(2_000_000).default(1_000_000),
  charges: z.coerce.number().int().min(100).max(10_000_000).default(5_000_000),
  repetitions: z.coerce.number().int().min(1).max(100).default(7),
  "budget-ms": z.coerce.number().min(1).default(50),
  only: z.string().optional(),
  fresh: z.boolean().optional(),
});

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 10) / 10;
}

/** Which schema and seed the cached database was built with. */
function schemaHash(): string {
  const hash = createHash("sha256");
  const dir = path.resolve("drizzle");
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith(".sql")) hash.update(readFileSync(path.join(dir, file)));
  }
  hash.update(readFileSync(path.resolve("scripts/support/seed-admin-scale.ts")));
  return hash.digest("hex").slice(0, 10);
}

async function main() {
  const { values } = parseArgs({
    options: {
      subscriptions: { type: "string" },
      charges: { type: "string" },
      repetitions: { type: "string" },
      "budget-ms": { type: "string" },
      only: { type: "string" },
      fresh: { type: "boolean" },
    },
  });
  const args = argsSchema.parse(values);
  const dataRoot = path.join(path.resolve(process.env.LOCAL_DATA_DIR ?? ".data"), "bench-admin");
  const secrets = loadLocalSecrets(dataRoot);
  const server = await startLocalPostgres({
    dataDir: path.join(dataRoot, "postgres"),
    password: secrets.postgresPassword,
    quiet: true,
  });
  const database = `bench_admin_${args.subscriptions}_${args.charges}_${schemaHash()}`;
  const databaseUrl = withDatabase(server.url, database);
  try {
    const admin = postgres(server.url, { max: 1, onnotice: () => {} });
    // Other seeds (another size or schema) only take disk.
    for (const { datname } of await admin<{ datname: string }[]>`
      select datname from pg_database where datname like 'bench_admin_%'`) {
      if (datname !== database || args.fresh) {
        await admin.unsafe(`drop database "${datname}" with (force)`);
      }
    }
    await admin.end({ timeout: 5 });

    const check = postgres(server.url, { max: 1, onnotice: () => {} });
    const exists = (await check`select 1 from pg_database where datname = ${database}`).length > 0;
    await check.end({ timeout: 5 });
    let seeded = false;
    if (exists) {
      const probe = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      seeded =
        (await probe`select 1 from pg_tables where tablename = '_bench_seed_complete'`).length > 0;
      await probe.end({ timeout: 5 });
    }
    if (!seeded) {
      const { migrateDatabase } = await import("@/lib/db/migrate");
      await createDatabaseIfMissing(server.url, database);
      await migrateDatabase(databaseUrl);
      const started = performance.now();
      log(`seeding ${args.subscriptions} subscriptions, ${args.charges} charges into ${database}`);
      await seedAdminScale(databaseUrl, args, log);
      const done = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      await done`create table _bench_seed_complete (at timestamptz default now())`;
      await done.end({ timeout: 5 });
      log(`seeded in ${Math.round((performance.now() - started) / 1000)} s`);
    } else {
      log(`reusing the seeded database ${database}`);
    }

    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: "4",
      BILLING_KEY_ENCRYPTION_KEY: secrets.billingKeyEncryptionKey,
    });
    const cases = await import("./bench/admin-cases");
    const { db, closeDb } = await import("@/lib/db/client");
    const list = await cases.adminBenchCases(db());
    const only = args.only?.split(",").filter(Boolean) ?? [];
    const selected =
      only.length > 0 ? list.filter((c) => only.some((part) => c.name.includes(part))) : list;

    const results: { name: string; p50: number; p95: number; over: boolean; note?: string }[] = [];
    for (const benchCase of selected) {
      await benchCase.run(); // warm-up: plans, caches
      const times: number[] = [];
      let note: string | undefined;
      for (let i = 0; i < args.repetitions; i++) {
        const started = performance.now();
        const result = await benchCase.run();
        times.push(performance.now() - started);
        note = result;
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const row = {
        name: benchCase.name,
        p50,
        p95: percentile(times, 95),
        over: p50 > args["budget-ms"],
        note,
      };
      results.push(row);
      log(
        `${row.over ? "OVER" : "  ok"} ${row.name.padEnd(58)} p50 ${String(row.p50).padStart(8)} ms  p95 ${String(row.p95).padStart(8)} ms${note ? `  (${note})` : ""}`,
      );
    }
    await closeDb();
    const over = results.filter((r) => r.over);
    log(`${over.length} of ${results.length} cases over ${args["budget-ms"]} ms p50`);
    console.log(
      JSON.stringify(
        {
          subscriptions: args.subscriptions,
          charges: args.charges,
          repetitions: args.repetitions,
          budgetMs: args["budget-ms"],
          loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
          over: over.map((r) => r.name),
          results,
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
