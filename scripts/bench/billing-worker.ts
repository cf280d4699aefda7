// One fan-out worker for `npm run bench:billing -- --workers N` (scripts/bench-billing.ts): a node
// process of its own, like a separate function invocation, running the worker loop
// (lib/jobs/run-billing-worker.ts) against the bench's database and sandbox, whose addresses
// come in the environment. It loads everything first and prints "ready"; on "go" (stdin) it
// runs, then prints one JSON line: its summary and the CPU time it used while running.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";

const args = z
  .object({
    now: z.iso.datetime({ offset: true }),
    concurrency: z.coerce.number().int().min(1).max(256),
    worker: z.coerce.number().int().min(1).max(32),
    "batch-size": z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .parse(
    parseArgs({
      options: {
        now: { type: "string" },
        concurrency: { type: "string" },
        worker: { type: "string" },
        "batch-size": { type: "string" },
      },
    }).values,
  );

const { randomUUID } = await import("node:crypto");
const { startCronRun } = await import("@/lib/cron/cron-runs");
const { BILLING_WORKER_JOB } = await import("@/lib/cron/job-names");
const { runBillingWorker } = await import("@/lib/jobs/run-billing-worker");
const { closeDb, db } = await import("@/lib/db/client");
// Opens the pool and warms the first connection, so "go" measures charging only.
await db().execute("select 1");
process.stdout.write("ready\n");

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === "go") break;
}
lines.close();

const now = new Date(args.now);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const cronRunId = await startCronRun(BILLING_WORKER_JOB, now);
const summary = await runBillingWorker({
  cronRunId,
  parentRunId: randomUUID(),
  worker: args.worker,
  now,
  budgetMs: 24 * 60 * 60 * 1000,
  concurrency: args.concurrency,
  batchSize: args["batch-size"],
});
const cpu = process.cpuUsage(cpuBefore);
const wallMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ summary, cpuMs: (cpu.user + cpu.system) / 1000, wallMs })}\n`,
);
await closeDb();
