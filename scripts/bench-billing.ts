// npm run bench:billing -- --subscriptions 10000 --latency-ms 100 --concurrency 16
//   [--provider toss-pay | toss-payments | portone] [--workers 4 --provider-limit 64 [--series]]
// Throughput of the billing run against a provider's standalone sandbox (its own process, with
// the given response latency), on a fresh local PostgreSQL database. Prints JSON:
//   chargesPerSecond, ideal (concurrency ÷ latency), ratio, per-charge overhead outside the
//   provider call (p50/p99), peak memory, duplicate charges (from the sandbox's ledger; must be
//   0), and a naive one-at-a-time loop over a small sample as the baseline.
// Options: --baseline-sample <n> (default 100), --sandbox-url <url> (use a running sandbox
// instead of starting one; its ledger must be empty of these subscriptions' orders),
// --batch-size <n>, --pool <n> (database connections of the engine), --prepared-statements
// (engine pool with named prepared statements, see below), --first-charges (the seeded methods
// carry no display details, so every charge is a method's first and fills them; by default each
// method carries what the provider reports for its key, as registration stores it, which is the
// steady state of a month's renewals).
//
// --workers N: the fan-out (docs/billing-fan-out.md). N worker processes (scripts/bench/
// billing-worker.ts, each a node process of its own like a separate function invocation) run the
// worker loop against the same database at once, each with --concurrency, all under the global
// per-provider cap --provider-limit (default N × concurrency) held in PostgreSQL. Prints
// per-worker and total throughput, ideal = min(N × concurrency, limit) ÷ latency and the ratio,
// the peak of requests in flight as the sandbox counted them (Toss Pay's sandbox), duplicates,
// and CPU per charge of the workers (engine) and of PostgreSQL (by database, and of that what
// autovacuum spent: postgresAutovacuum). --series repeats it with 1, 2
// and 4 workers (each on its own --subscriptions) to show the scaling.
// --statements (with --workers): PostgreSQL starts with pg_stat_statements loaded, and the run
// prints the engine database's costliest statements per charge (time, planning time, calls,
// rows, buffer pages hit and read, those run by triggers marked nested), the rows each table
// gained and how many of its updates were HOT, and the database's size
// (scripts/bench/postgres-statements.ts). The extension costs some CPU of its own: compare CPU
// figures between runs without it.
// --shared-buffers <size> (default 1GB): the bench PostgreSQL's buffer cache (see argsSchema).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { z } from "zod";
import { createDatabaseIfMissing } from "./support/local-database";
import { freePort, startLocalPostgres, withDatabase } from "./support/local-postgres";
import { loadLocalSecrets } from "./support/local-secrets";
import { startPostgresCpuMeter } from "./bench/postgres-cpu-meter";
import { STATEMENT_LOG_SETTINGS, startStatementLog } from "./bench/postgres-statements";

const argsSchema = z.object({
  subscriptions: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  "latency-ms": z.coerce.number().int().min(0).max(10_000).default(100),
  concurrency: z.coerce.number().int().min(1).max(256).default(16),
  "baseline-sample": z.coerce.number().int().min(0).max(10_000).default(100),
  "batch-size": z.coerce.number().int().min(1).max(10_000).optional(),
  pool: z.coerce.number().int().min(1).max(100).optional(),
  "sandbox-url": z.url().optional(),
  "prepared-statements": z.boolean().optional(),
  "first-charges": z.boolean().optional(),
  workers: z.coerce.number().int().min(0).max(32).default(0),
  "provider-limit": z.coerce.number().int().min(1).max(1_000).optional(),
  series: z.boolean().optional(),
  statements: z.boolean().optional(),
  // PostgreSQL's buffer cache. Its compiled-in default (128MB) is sized to start anywhere; a
  // managed PostgreSQL gives it about a quarter of the instance's memory, and the database of a
  // 100,000-charge run (about 700 MB) fits in a small instance's. At 128MB the run measures
  // pages copied in from the OS cache instead.
  "shared-buffers": z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, "a size such as 128MB or 1GB")
    .default("1GB"),
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

type WorkerReport = {
  summary: {
    worker: number;
    succeeded: number;
    declined: number;
    unknown: number;
    errors: number;
    slots: Record<string, number>;
  };
  cpuMs: number;
  wallMs: number;
};

/**
 * Starts `workers` worker processes (scripts/bench/billing-worker.ts), waits until each has
 * loaded, then lets them all go at once; answers the wall time from "go" to the last report.
 */
async function runWorkerProcesses(input: {
  workers: number;
  now: Date;
  concurrency: number;
  batchSize: number | undefined;
  pool: number;
}): Promise<{ wallMs: number; workers: WorkerReport[] }> {
  const children = Array.from({ length: input.workers }, (_, i) => {
    const argv = [
      "--import",
      "tsx",
      "scripts/bench/billing-worker.ts",
      "--now",
      input.now.toISOString(),
      "--concurrency",
      String(input.concurrency),
      "--worker",
      String(i + 1),
      ...(input.batchSize ? ["--batch-size", String(input.batchSize)] : []),
    ];
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, DATABASE_POOL_MAX: String(input.pool) },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const lines = createInterface({ input: child.stdout });
    const ready = new Promise<void>((resolve, reject) => {
      lines.on("line", (line) => {
        if (line === "ready") resolve();
      });
      child.once("exit", (code) => reject(new Error(`worker ${i + 1} exited (${code})`)));
    });
    const report = new Promise<WorkerReport>((resolve, reject) => {
      lines.on("line", (line) => {
        if (line.startsWith("{")) resolve(JSON.parse(line) as WorkerReport);
      });
      child.once("exit", (code) => reject(new Error(`worker ${i + 1} exited (${code})`)));
    });
    // Rejections after the report are expected (the exit) and ignored.
    report.catch(() => {});
    ready.catch(() => {});
    return { child, ready, report, exited };
  });
  await Promise.all(children.map((c) => c.ready));
  const started = performance.now();
  for (const { child } of children) child.stdin.end("go\n");
  const reports = await Promise.all(
    children.map(async ({ report }) => {
      const value = await report;
      return { value, at: performance.now() };
    }),
  );
  const wallMs = Math.max(...reports.map((r) => r.at)) - started;
  await Promise.all(children.map(({ exited }) => exited));
  return { wallMs, workers: reports.map((r) => r.value) };
}

async function resetInFlight(url: string): Promise<void> {
  await fetch(`${url}/_sandbox/in-flight`, { method: "DELETE" }).catch(() => null);
}

async function peakInFlight(url: string): Promise<number | null> {
  const response = await fetch(`${url}/_sandbox/in-flight`).catch(() => null);
  if (!response?.ok) return null;
  return ((await response.json()) as { peak: number }).peak;
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
      "first-charges": { type: "boolean" },
      provider: { type: "string" },
      workers: { type: "string" },
      "provider-limit": { type: "string" },
      series: { type: "boolean" },
      statements: { type: "boolean" },
      "shared-buffers": { type: "string" },
    },
  });
  const args = argsSchema.parse(values);
  // The global per-provider cap: by default high enough never to bind (the single-run bench
  // measures as it always did).
  const inFlightLimit = args["provider-limit"] ?? args.concurrency * Math.max(1, args.workers);
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
    settings: {
      ...(args.statements ? STATEMENT_LOG_SETTINGS : {}),
      shared_buffers: args["shared-buffers"],
    },
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
          DATABASE_POOL_MAX: String(Math.max(20, inFlightLimit + 8)),
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
      BILLING_PROVIDER_MAX_IN_FLIGHT: String(inFlightLimit),
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
          withRegisteredDetails: !args["first-charges"],
        })
      : null;
    // One set per measured run: the series bills one moment per worker count, a day apart.
    const steps = args.workers > 0 && args.series ? [1, 2, 4] : [args.workers];
    const dueOf = (step: number) => new Date(RUN_DUE.getTime() + step * DAY_MS);
    const sets = [];
    for (let step = 0; step < steps.length; step++) {
      sets.push(
        await seedDueSubscriptions({
          count: args.subscriptions,
          sandboxUrl,
          dueAt: dueOf(step),
          driver,
          withRegisteredDetails: !args["first-charges"],
        }),
      );
    }
    const seeded = {
      providerCustomerIds: sets.flatMap((set) => set.providerCustomerIds),
    };
    await db().execute("vacuum analyze");
    log(
      `seeded ${steps.length} × ${args.subscriptions} + ${args["baseline-sample"]} subscriptions in ${Math.round(performance.now() - seedStarted)} ms`,
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

    if (args.workers > 0) {
      const pgPid = postmasterPid(path.join(dataRoot, "postgres"));
      const sandboxGroup = sandbox?.pid ?? null;
      const sandboxCpu = () =>
        sandboxGroup === null ? null : cpuMsOf(({ pgrp }) => pgrp === sandboxGroup);
      const runs = [];
      for (let step = 0; step < steps.length; step++) {
        const workers = steps[step]!;
        log(`running ${workers} worker processes over ${args.subscriptions} due subscriptions`);
        await resetInFlight(sandboxUrl);
        const cpuBefore = { sandbox: sandboxCpu() };
        const postgresMeter =
          pgPid === null
            ? null
            : await startPostgresCpuMeter({
                postmasterPid: pgPid,
                serverUrl: server.url,
                databases: { engineDatabase: engineDb, sandboxDatabase: sandboxDb },
              });
        const statementLog = args.statements
          ? await startStatementLog({ serverUrl: server.url, database: engineDb })
          : null;
        const measured = await runWorkerProcesses({
          workers,
          now: dueOf(step),
          concurrency: args.concurrency,
          batchSize: args["batch-size"],
          pool: args.pool ?? args.concurrency + 8,
        });
        const cpuAfter = { sandbox: sandboxCpu() };
        const postgresMeasured = postgresMeter ? await postgresMeter.stop() : null;
        const statements = statementLog ? await statementLog.report() : null;
        const postgresByRole = postgresMeasured?.byBucket ?? null;
        const succeeded = measured.workers.reduce((sum, w) => sum + w.summary.succeeded, 0);
        const perCharge = (ms: number | null) =>
          ms === null ? null : Math.round((ms / succeeded) * 100) / 100;
        const engineMs = measured.workers.reduce((sum, w) => sum + w.cpuMs, 0);
        const postgresMs = postgresByRole
          ? Object.values(postgresByRole).reduce((sum, ms) => sum + ms, 0)
          : null;
        // Ours: the engine database's backends and the server's own processes (WAL, checkpoints:
        // shared with the sandbox's database, counted as ours). Not the sandbox's backends, which
        // stand in for the provider's own database.
        const ownPostgresMs = postgresByRole
          ? postgresByRole.engineDatabase! + postgresByRole.server! + postgresByRole.other!
          : null;
        const chargesPerSecond = succeeded / (measured.wallMs / 1000);
        const ideal =
          Math.min(workers * args.concurrency, inFlightLimit) / (args["latency-ms"] / 1000);
        runs.push({
          workers,
          succeeded,
          failed: measured.workers.reduce(
            (sum, w) => sum + w.summary.declined + w.summary.unknown + w.summary.errors,
            0,
          ),
          durationMs: Math.round(measured.wallMs),
          chargesPerSecond: Math.round(chargesPerSecond * 10) / 10,
          ideal: Math.round(ideal * 10) / 10,
          ratio: Math.round((chargesPerSecond / ideal) * 1000) / 1000,
          // As the sandbox counted them (null: this provider's sandbox does not count).
          peakInFlight: await peakInFlight(sandboxUrl),
          perWorker: measured.workers.map((w) => ({
            worker: w.summary.worker,
            succeeded: w.summary.succeeded,
            chargesPerSecond: Math.round((w.summary.succeeded / (w.wallMs / 1000)) * 10) / 10,
            slots: w.summary.slots,
          })),
          cpuMsPerCharge: {
            engine: perCharge(engineMs),
            postgres: perCharge(postgresMs),
            enginePlusPostgres: postgresMs === null ? null : perCharge(engineMs + postgresMs),
            postgresByRole: postgresByRole
              ? Object.fromEntries(
                  Object.entries(postgresByRole).map(([role, ms]) => [role, perCharge(ms)]),
                )
              : null,
            // Of each database's figure, what its autovacuum workers spent.
            postgresAutovacuum: postgresMeasured
              ? Object.fromEntries(
                  Object.entries(postgresMeasured.autovacuumByBucket).map(([role, ms]) => [
                    role,
                    perCharge(ms),
                  ]),
                )
              : null,
            enginePlusOwnPostgres:
              ownPostgresMs === null ? null : perCharge(engineMs + ownPostgresMs),
            sandbox: perCharge(
              cpuBefore.sandbox === null || cpuAfter.sandbox === null
                ? null
                : cpuAfter.sandbox - cpuBefore.sandbox,
            ),
          },
          loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
          // --statements: the engine database's statements by PostgreSQL's time, per charge.
          statements: statements
            ? {
                databaseMb: statements.databaseMb,
                largestTables: statements.largestTables,
                totalMsPerCharge: perCharge(statements.totalMs),
                top: statements.statements.map((s) => ({
                  msPerCharge: Math.round((s.totalMs / succeeded) * 1000) / 1000,
                  planMsPerCharge: Math.round((s.planMs / succeeded) * 1000) / 1000,
                  callsPerCharge: Math.round((s.calls / succeeded) * 100) / 100,
                  rowsPerCall: Math.round((s.rows / Math.max(1, s.calls)) * 10) / 10,
                  blocksHitPerCharge: Math.round((s.blocksHit / succeeded) * 10) / 10,
                  blocksReadPerCharge: Math.round((s.blocksRead / succeeded) * 10) / 10,
                  nested: s.nested,
                  query: s.query,
                })),
                tables: statements.tables.map((t) => ({
                  ...t,
                  insertedPerCharge: Math.round((t.inserted / succeeded) * 100) / 100,
                  updatedPerCharge: Math.round((t.updated / succeeded) * 100) / 100,
                  hotShare: t.updated ? Math.round((t.hotUpdated / t.updated) * 100) / 100 : null,
                })),
              }
            : undefined,
        });
        log(`${workers} workers: ${JSON.stringify(runs.at(-1))}`);
      }
      const ledger = await driver.ledger(sandboxUrl);
      const ours = new Set([
        ...seeded.providerCustomerIds,
        ...(baseline?.providerCustomerIds ?? []),
      ]);
      const charges = ledger.filter((c) => ours.has(c.userId));
      const duplicates = doubleCharges(charges);
      const expected = steps.length * args.subscriptions + (baseline?.subscriptionIds.length ?? 0);
      const main = runs.at(-1)!;
      const result = {
        provider: driver.provider,
        preparedStatements: args["prepared-statements"] ?? false,
        firstCharges: args["first-charges"] ?? false,
        sharedBuffers: args["shared-buffers"],
        subscriptions: args.subscriptions,
        latencyMs: args["latency-ms"],
        concurrency: args.concurrency,
        providerLimit: inFlightLimit,
        ...main,
        series: runs.length > 1 ? runs.map(({ perWorker: _, ...run }) => run) : null,
        sandboxLedger: {
          charges: charges.length,
          approved: charges.filter((c) => c.transactionId).length,
          expected,
        },
        duplicateCharges: duplicates.length,
        baseline: baselineResult,
        speedupOverBaseline: baselineResult
          ? Math.round((main.chargesPerSecond / baselineResult.chargesPerSecond!) * 10) / 10
          : null,
      };
      console.log(JSON.stringify(result, null, 2));
      await closeDb();
      if (duplicates.length > 0 || result.sandboxLedger.approved !== expected) {
        process.exitCode = 1;
      }
      return;
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
      firstCharges: args["first-charges"] ?? false,
      sharedBuffers: args["shared-buffers"],
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
