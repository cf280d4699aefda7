// npm run bench:billing -- --subscriptions 10000 --latency-ms 100 --concurrency 16
//   [--provider toss-pay | toss-payments | portone]
// Throughput of the billing run against a provider's standalone sandbox (its own process, with
// the given response latency), on a fresh local PostgreSQL database. Prints JSON:
//   chargesPerSecond, ideal (concurrency ÷ latency), ratio, per-charge overhead outside the
//   provider call (p50/p99), peak memory, duplicate charges (from the sandbox's ledger; must be
//   0), and a naive one-at-a-time loop over a small sample as the baseline.
// Options: --baseline-sample <n> (default 100), --sandbox-url <url> (use a running sandbox
// instead of starting one; its ledger must be empty of these subscriptions' orders),
// --batch-size <n>, --pool <n> (database connections of the engine), --prepared-statements
// (engine pool with named prepared statements, see below).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { z } from "zod";
import { createDatabaseIfMissing } from "./support/local-database";
import { freePort, startLocalPostgres, withDatabase } from "./support/local-postgres";
import { loadLocalSecrets } from "./support/local-secrets";

const argsSchema = z.object({
  subscriptions: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  "latency-ms": z.coerce.number().int().min(0).max(10_000).default(100),
  concurrency: z.coerce.number().int().min(1).max(256).default(16),
  "baseline-sample": z.coerce.number().int().min(0).max(10_000).default(100),
  "batch-size": z.coerce.number().int().min(1).max(10_000).optional(),
  pool: z.coerce.number().int().min(1).max(100).optional(),
  "sandbox-url": z.url().optional(),
  "prepared-statements": z.boolean().optional(),
  // Whose sandbox and client (tests/billing/support/sandbox-drivers.ts); the engine is the same.
  provider: z.enum(["toss-pay", "toss-payments", "portone"]).default("toss-pay"),
});

const DAY_MS = 24 * 60 * 60 * 1000;
// Far from any real date, so the bench never mixes with other data in a reused sandbox.
const BASELINE_DUE = new Date("2031-01-01T00:00:00Z");
const RUN_DUE = new Date(BASELINE_DUE.getTime() + DAY_MS);

/**
 * CPU time (ms) used so far by the processes `select` picks: /proc/<pid>/stat utime + stime
 * (+ cutime + cstime of reaped children). Linux only; null elsewhere.
 */
function cpuMsOf(
  select: (stat: { pid: number; ppid: number; pgrp: number }) => boolean,
): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(fields[1]);
    const pgrp = Number(fields[2]);
    if (!select({ pid: Number(entry), ppid, pgrp })) continue;
    total += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return (total * 1000) / ticks;
}

function postmasterPid(dataDir: string): number | null {
  try {
    return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 100) / 100;
}

async function waitForSandbox(url: string, child: ChildProcess | null): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`sandbox exited (${child.exitCode})`);
    try {
      const response = await fetch(`${url}/_sandbox/settings`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`sandbox at ${url} did not start within 60 s`);
}

async function putSettings(url: string, settings: Record<string, unknown>) {
  const response = await fetch(`${url}/_sandbox/settings`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  if (!response.ok)
    throw new Error(`sandbox settings: ${response.status} ${await response.text()}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      subscriptions: { type: "string" },
      "latency-ms": { type: "string" },
      concurrency: { type: "string" },
      "baseline-sample": { type: "string" },
      "batch-size": { type: "string" },
      pool: { type: "string" },
      "sandbox-url": { type: "string" },
      "prepared-statements": { type: "boolean" },
      provider: { type: "string" },
    },
  });
  const args = argsSchema.parse(values);
  // Nothing in it reads the environment at import time; the engine's modules come later.
  const { sandboxDriver } = await import("@/tests/billing/support/sandbox-drivers");
  const driver = sandboxDriver(args.provider.replace("-", "_"));
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

  // A fresh PostgreSQL for the engine's database and the sandbox's, under the local data dir.
  const dataRoot = path.join(path.resolve(process.env.LOCAL_DATA_DIR ?? ".data"), "bench");
  const secrets = loadLocalSecrets(dataRoot);
  const server = await startLocalPostgres({
    dataDir: path.join(dataRoot, "postgres"),
    password: secrets.postgresPassword,
    quiet: true,
  });
  const suffix = `${Date.now()}_${randomBytes(2).toString("hex")}`;
  const engineDb = `bench_engine_${suffix}`;
  const sandboxDb = `bench_sandbox_${suffix}`;
  let sandbox: ChildProcess | null = null;

  const cleanUp = async () => {
    if (sandbox && sandbox.exitCode === null && sandbox.pid) {
      // Our own child (started detached, so its group includes tsx's node process).
      process.kill(-sandbox.pid, "SIGTERM");
      await new Promise((resolve) => sandbox?.once("exit", resolve));
    }
    const admin = postgres(server.url, { max: 1, onnotice: () => {} });
    for (const name of [engineDb, sandboxDb]) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    }
    await admin.end({ timeout: 5 });
    await server.stop();
  };

  try {
    const { migrateDatabase } = await import("@/lib/db/migrate");
    await createDatabaseIfMissing(server.url, engineDb);
    await migrateDatabase(withDatabase(server.url, engineDb));

    let sandboxUrl = args["sandbox-url"]?.replace(/\/+$/, "");
    if (!sandboxUrl) {
      await createDatabaseIfMissing(server.url, sandboxDb);
      const port = await freePort();
      sandboxUrl = `http://127.0.0.1:${port}`;
      log(`starting the standalone sandbox (npm run sandbox) on ${sandboxUrl}`);
      const command = [
        "run",
        "-s",
        "sandbox",
        "--",
        ...driver.standaloneArgs,
        "--port",
        String(port),
      ];
      sandbox = spawn("npm", command, {
        env: {
          ...process.env,
          DATABASE_URL: withDatabase(server.url, sandboxDb),
          DATABASE_POOL_MAX: String(Math.max(20, args.concurrency + 4)),
        },
        stdio: ["ignore", "ignore", "inherit"],
        detached: true,
      });
    }
    await waitForSandbox(sandboxUrl, sandbox);
    await putSettings(sandboxUrl, {
      latencyMs: 0,
      errorRate: 0,
      timeoutRate: 0,
      lostResponseRate: 0,
    });

    // The engine's environment, before anything reads it (lib/env.ts caches).
    Object.assign(process.env, {
      DATABASE_URL: withDatabase(server.url, engineDb),
      DATABASE_POOL_MAX: String(args.pool ?? args.concurrency + 8),
      BILLING_KEY_ENCRYPTION_KEY: secrets.billingKeyEncryptionKey,
      [driver.baseUrlVariable]: sandboxUrl,
    });
    // Named prepared statements (DATABASE_PREPARE=true) save a round trip per query; the
    // flag measures the difference, the engine code is the same either way.
    if (args["prepared-statements"]) process.env.DATABASE_PREPARE = "true";
    const { db, closeDb } = await import("@/lib/db/client");
    const { seedDueSubscriptions } = await import("@/tests/billing/support/seed-due-subscriptions");
    const { chargeOutstandingPeriod } = await import("@/lib/billing/charge-outstanding-period");
    const { runBilling } = await import("@/lib/jobs/run-billing");
    const { doubleCharges } = await import("@/tests/billing/support/billing-harness");

    const seedStarted = performance.now();
    const baseline = args["baseline-sample"]
      ? await seedDueSubscriptions({
          count: args["baseline-sample"],
          sandboxUrl,
          dueAt: BASELINE_DUE,
          driver,
        })
      : null;
    const seeded = await seedDueSubscriptions({
      count: args.subscriptions,
      sandboxUrl,
      dueAt: RUN_DUE,
      driver,
    });
    await db().execute("vacuum analyze");
    log(
      `seeded ${args.subscriptions} + ${args["baseline-sample"]} subscriptions in ${Math.round(performance.now() - seedStarted)} ms`,
    );
    await putSettings(sandboxUrl, { latencyMs: args["latency-ms"] });

    // Baseline: the same charge function, one subscription after another.
    let baselineResult: Record<string, number> | null = null;
    if (baseline) {
      const started = performance.now();
      let succeeded = 0;
      for (const id of baseline.subscriptionIds) {
        const outcome = await chargeOutstandingPeriod(id, { now: BASELINE_DUE });
        if (outcome.kind === "settled" && outcome.result === "succeeded") succeeded += 1;
      }
      const seconds = (performance.now() - started) / 1000;
      baselineResult = {
        subscriptions: baseline.subscriptionIds.length,
        succeeded,
        chargesPerSecond: Math.round((succeeded / seconds) * 10) / 10,
      };
      log(`baseline: ${JSON.stringify(baselineResult)}`);
    }

    // The engine.
    const overheads: number[] = [];
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const cpuBefore = process.cpuUsage();
    const pgPid = postmasterPid(path.join(dataRoot, "postgres"));
    const sandboxGroup = sandbox?.pid ?? null;
    const sandboxCpu = () =>
      sandboxGroup === null ? null : cpuMsOf(({ pgrp }) => pgrp === sandboxGroup);
    const postgresCpu = () =>
      pgPid === null ? null : cpuMsOf(({ pid, ppid }) => pid === pgPid || ppid === pgPid);
    const sandboxCpuBefore = sandboxCpu();
    const postgresCpuBefore = postgresCpu();
    log(`running the engine over ${args.subscriptions} due subscriptions`);
    const summary = await runBilling({
      now: RUN_DUE,
      concurrency: args.concurrency,
      batchSize: args["batch-size"],
      budgetMs: 24 * 60 * 60 * 1000,
      sweepRegistrations: false,
      // Outside the provider: reserving (its share of the batch), decrypting, settling. Waiting
      // for a free slot under --concurrency is not overhead: it means the slots are all busy.
      onCharge: ({ totalMs, providerMs, waitedMs }) =>
        overheads.push(totalMs - providerMs - waitedMs),
    });
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const sandboxCpuAfter = sandboxCpu();
    const postgresCpuAfter = postgresCpu();
    const perCharge = (before: number | null, after: number | null) =>
      before === null || after === null
        ? null
        : Math.round(((after - before) / summary.succeeded) * 100) / 100;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const ledger = await driver.ledger(sandboxUrl);
    const ours = new Set([...seeded.providerCustomerIds, ...(baseline?.providerCustomerIds ?? [])]);
    const charges = ledger.filter((c) => ours.has(c.userId));
    const duplicates = doubleCharges(charges);

    overheads.sort((a, b) => a - b);
    const seconds = summary.durationMs / 1000;
    const chargesPerSecond = summary.succeeded / seconds;
    const ideal = args.concurrency / (args["latency-ms"] / 1000);
    const result = {
      provider: driver.provider,
      preparedStatements: args["prepared-statements"] ?? false,
      subscriptions: args.subscriptions,
      latencyMs: args["latency-ms"],
      concurrency: args.concurrency,
      succeeded: summary.succeeded,
      failed: summary.declined + summary.unknown + summary.errors,
      durationMs: summary.durationMs,
      chargesPerSecond: Math.round(chargesPerSecond * 10) / 10,
      ideal: Math.round(ideal * 10) / 10,
      ratio: Math.round((chargesPerSecond / ideal) * 1000) / 1000,
      overheadMs: {
        p50: percentile(overheads, 50),
        p99: percentile(overheads, 99),
        mean: Math.round((overheads.reduce((a, b) => a + b, 0) / overheads.length) * 100) / 100,
      },
      // CPU per charge of each process (postgres: the server and all its backends, i.e. the
      // engine's and the sandbox's queries; the sandbox: its whole process group).
      cpuMsPerCharge: {
        engine: Math.round(((cpu.user + cpu.system) / 1000 / summary.succeeded) * 100) / 100,
        sandbox: perCharge(sandboxCpuBefore, sandboxCpuAfter),
        postgres: perCharge(postgresCpuBefore, postgresCpuAfter),
      },
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      sandboxLedger: {
        charges: charges.length,
        approved: charges.filter((c) => c.transactionId).length,
        expected: args.subscriptions + (baseline?.subscriptionIds.length ?? 0),
      },
      duplicateCharges: duplicates.length,
      baseline: baselineResult,
      speedupOverBaseline: baselineResult
        ? Math.round((chargesPerSecond / baselineResult.chargesPerSecond!) * 10) / 10
        : null,
    };
    console.log(JSON.stringify(result, null, 2));
    await closeDb();
    if (duplicates.length > 0 || result.sandboxLedger.approved !== result.sandboxLedger.expected) {
      process.exitCode = 1;
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
