import { randomUUID } from "node:crypto";
import { after } from "next/server";
import { z } from "zod";
import { BILLING_WORKER_JOB } from "@/lib/cron/job-names";
import { failCronRun, startCronRunUnlessBusy, succeedCronRun } from "@/lib/cron/cron-runs";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { leaseProviderCapacity } from "@/lib/billing/provider-capacity";
import { providerInFlightLimit } from "@/lib/billing/provider-in-flight-limit";
import type { ProviderFor } from "@/lib/payments/provider-for";
import {
  DEFAULT_MARGIN_MS,
  LEASE_EXTRA_MS,
  chargeDueSubscriptions,
  type ChargeCounters,
  zeroPassCounts,
} from "./run-billing";

// A fan-out worker (billing-fan-out.ts): step 3 of the billing run and nothing else — claim due
// subscriptions under its own lease and charge them, within its own budget, holding its share
// of the providers' caps. The hourly run does everything else once (lookups, expiries, refunds,
// consents). Workers overlap safely with each other and with the hourly run: they claim with the
// same leases (docs/billing.md "Charging" step 1), so no subscription period is charged twice.
// Each records itself in cron_runs (job "billing-worker", with its parent run's id).

// Hard ceiling on worker numbers a request may name, whatever BILLING_MAX_WORKERS says.
const WORKER_NUMBER_MAX = 32;

export type WorkerSummary = ChargeCounters & {
  parentRunId: string;
  worker: number;
  now: string;
  chargingMs: number;
  durationMs: number;
  /** Most slots held per provider at the end (the worker's share of the caps). */
  slots: Record<string, number>;
};

const workerParams = z.strictObject({
  parent: z.uuid(),
  worker: z.coerce.number().int().min(1).max(WORKER_NUMBER_MAX),
});

/**
 * POST /api/cron/billing/worker, after withCron's secret check: validates the parameters,
 * records the worker (refused with 429 when as many workers as BILLING_MAX_WORKERS are already
 * running) and runs it after the response, so the caller only waits for "started".
 */
export async function startBillingWorker(
  request: Request,
  budgetMs: number,
): Promise<Record<string, unknown>> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = workerParams.safeParse(query);
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      `expected ?parent=<uuid>&worker=<1-${WORKER_NUMBER_MAX}> and nothing else: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  }
  const now = new Date();
  const cronRunId = await startCronRunUnlessBusy(BILLING_WORKER_JOB, now, {
    maxRunning: Math.max(1, getEnv().BILLING_MAX_WORKERS),
    withinMs: budgetMs + LEASE_EXTRA_MS,
  });
  if (!cronRunId) {
    throw new AppError(
      "rate_limited",
      "as many billing workers as BILLING_MAX_WORKERS are running",
    );
  }
  after(() =>
    runBillingWorker({
      cronRunId,
      parentRunId: parsed.data.parent,
      worker: parsed.data.worker,
      now,
      budgetMs,
    }).then(
      () => undefined,
      (error: unknown) => console.error("[billing] worker failed:", error),
    ),
  );
  return { started: true, workerRunId: cronRunId };
}

export type WorkerOptions = {
  /** Its cron_runs row, already `running` (startCronRunUnlessBusy). */
  cronRunId: string;
  parentRunId: string;
  worker: number;
  now?: Date;
  budgetMs: number;
  marginMs?: number;
  concurrency?: number;
  batchSize?: number;
  providerFor?: ProviderFor;
};

export async function runBillingWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const now = options.now ?? new Date();
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const marginMs = Math.min(options.marginMs ?? DEFAULT_MARGIN_MS, options.budgetMs / 2);
  const shouldStop = () => elapsed() >= options.budgetMs - marginMs;
  // The lease holder and claim owner: distinct from every other run, like a billing run's id.
  const runId = randomUUID();
  const summary: WorkerSummary = {
    parentRunId: options.parentRunId,
    worker: options.worker,
    now: now.toISOString(),
    ...zeroPassCounts(),
    remaining: 0,
    chargingMs: 0,
    durationMs: 0,
    slots: {},
  };
  const settings = await loadMerchantSettings(db()).catch(async (error: unknown) => {
    await failCronRun(options.cronRunId, error, new Date());
    throw error;
  });
  const concurrency = Math.max(1, options.concurrency ?? settings.chargeConcurrency);
  const capacity = leaseProviderCapacity({
    holder: runId,
    want: concurrency,
    capFor: providerInFlightLimit,
  });
  try {
    await chargeDueSubscriptions({
      runId,
      now,
      concurrency,
      capacity,
      batchSize: options.batchSize ?? Math.max(32, concurrency * 4),
      leaseUntil: new Date(now.getTime() + options.budgetMs + LEASE_EXTRA_MS),
      providerFor: options.providerFor,
      shouldStop,
      onCharge: undefined,
      summary,
      settings,
    });
    summary.slots = capacity.held();
    await capacity.release();
    summary.chargingMs = Math.round(elapsed());
    summary.durationMs = summary.chargingMs;
    await succeedCronRun(options.cronRunId, summary, new Date(now.getTime() + summary.durationMs));
    return summary;
  } catch (error) {
    await capacity.release().catch(() => {});
    summary.durationMs = Math.round(elapsed());
    await failCronRun(
      options.cronRunId,
      error,
      new Date(now.getTime() + summary.durationMs),
      summary,
    );
    throw error;
  }
}
