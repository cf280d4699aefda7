// The crash test: `npm run billing:run` is started as a child process with BILLING_CRASH_POINT
// set to each labelled point of the charge path, and kills itself there (SIGKILL: no cleanup).
// The engine is then restarted (a later run, after the dead worker's lease has lapsed) and
// reconciles by looking the orders up. Checked against the sandbox's ledger: every subscription
// is charged exactly once for its period — no double charge and no lost charge.
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CrashPoint } from "@/lib/billing/crash-points";
import { runBilling } from "@/lib/jobs/run-billing";
import { db } from "@/lib/db/client";
import {
  attemptsOf,
  createPlan,
  createSubscriber,
  doubleCharges,
  retireEverything,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
  type Subscriber,
} from "./support/billing-harness";

const MINUTE = 60 * 1000;
const CRASH_POINTS: CrashPoint[] = [
  "after_claim",
  "after_attempt_insert",
  "after_request_sent",
  "after_response_before_commit",
  "after_commit",
];

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness({ timeoutMs: 5_000 });
});
afterAll(() => harness.close());
afterEach(async () => {
  await harness.setFaults({ latencyMs: 0 });
  await retireEverything();
});

/** `npm run billing:run -- --now …` as its own process; resolves with how it ended. */
function runWorker(now: Date, crashPoint: CrashPoint) {
  // node itself (with tsx's loader), so the process that kills itself is our child.
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/billing-run.ts",
      "--now",
      now.toISOString(),
      "--budget-ms",
      "5000",
      "--no-sweep",
    ],
    {
      env: {
        ...process.env,
        [harness.driver.baseUrlVariable]: harness.sandboxUrl,
        BILLING_CRASH_POINT: crashPoint,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
}

describe("a worker killed anywhere in the charge path", () => {
  it.each(CRASH_POINTS)(
    "%s: restarted and reconciled, every period is charged exactly once",
    async (point) => {
      const plan = await createPlan({ amount: 11_000 });
      const end = new Date(Date.UTC(2032, CRASH_POINTS.indexOf(point), 10, 3, 0, 0));
      const subscribers: Subscriber[] = [];
      for (let i = 0; i < 4; i++) {
        subscribers.push(
          await createSubscriber({
            sandboxUrl: harness.sandboxUrl,
            plan,
            periodStart: new Date(end.getTime() - 30 * 24 * 60 * MINUTE),
            periodEnd: end,
          }),
        );
      }
      // Slow answers, so the worker is killed while its requests are still unanswered.
      if (point === "after_request_sent") await harness.setFaults({ latencyMs: 1_000 });

      const now = new Date(end.getTime() + MINUTE);
      const crashed = await runWorker(now, point);
      expect(crashed.signal, crashed.output).toBe("SIGKILL");
      expect(crashed.output).toContain(`crash point ${point}`);
      await harness.setFaults({ latencyMs: 0 });
      const ids = new Set(subscribers.map((s) => s.providerCustomerId));
      const approvedAtCrash = (await harness.ledger())
        .filter((c) => ids.has(c.userId) && c.transactionId)
        .map((c) => c.orderNo);
      if (point === "after_claim" || point === "after_attempt_insert") {
        expect(approvedAtCrash, "nothing was sent before the crash").toEqual([]);
      }
      if (point === "after_response_before_commit" || point === "after_commit") {
        expect(approvedAtCrash.length, "a charge went through before the crash").toBeGreaterThan(0);
      }

      // Restart after the dead worker's lease (5 s budget + 60 s) has lapsed, then an hour on.
      const run = (at: Date) =>
        runBilling({ now: at, providerFor: harness.providerFor, sweepRegistrations: false });
      const restartAt = new Date(now.getTime() + 10 * MINUTE);
      await run(restartAt);
      await run(new Date(now.getTime() + 70 * MINUTE));

      const ledger = (await harness.ledger()).filter((c) => ids.has(c.userId));
      expect(doubleCharges(ledger), "double charges").toEqual([]);
      const approved = ledger.filter((c) => c.transactionId);
      expect(approved, "one approved charge per subscriber").toHaveLength(subscribers.length);
      for (const s of subscribers) {
        const sub = await subscriptionRow(s.subscription.id);
        expect(sub, "no lost charge: the period advanced").toMatchObject({
          status: "active",
          periodNumber: 2,
        });
        // A killed worker's lease fields stay on a row nobody needs to claim, but hold nothing:
        // the lease lapsed before the restart.
        expect(sub.lockedUntil === null || sub.lockedUntil <= restartAt, "a live lease").toBe(true);
        const attempts = await attemptsOf(sub.id);
        const succeeded = attempts.filter((a) => a.status === "succeeded");
        expect(succeeded).toHaveLength(1);
        expect(approved.map((c) => c.orderNo)).toContain(succeeded[0]!.orderId);
      }
      // What went through before the crash was found by looking its order id up, not charged
      // again under a new one.
      const finalOrders = new Set(approved.map((c) => c.orderNo));
      for (const order of approvedAtCrash) {
        expect(finalOrders.has(order)).toBe(true);
      }
      const [open] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from charge_attempts where status in ('pending', 'unknown')`);
      expect(open?.n).toBe(0);
    },
  );
});
