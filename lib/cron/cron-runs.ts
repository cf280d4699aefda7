import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { cronRuns } from "@/lib/db/schema";

// One cron_runs row per invocation of a job: started as `running`, finished as `succeeded` or
// `failed` with its summary. The admin dashboard reads the last success from here. Timestamps
// come from the job's own clock (the billing run's injectable `now`), so a simulated month is
// recorded as such.

export async function startCronRun(job: string, startedAt: Date): Promise<string> {
  const [row] = await db()
    .insert(cronRuns)
    .values({ job, status: "running", startedAt })
    .returning({ id: cronRuns.id });
  if (!row) throw new Error("cron_runs insert returned nothing");
  return row.id;
}

/**
 * Starts a run of `job` unless `maxRunning` runs of it started within `withinMs` are still
 * `running` (null then). The count and the insert happen under a transaction-scoped advisory
 * lock on the job's name, so concurrent starts cannot both slip under the limit. A run that
 * crashed without finishing stops counting once it is older than `withinMs`.
 */
export async function startCronRunUnlessBusy(
  job: string,
  startedAt: Date,
  limits: { maxRunning: number; withinMs: number },
): Promise<string | null> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cron_runs:${job}`}))`);
    const [running] = await tx
      .select({ n: count() })
      .from(cronRuns)
      .where(
        and(
          eq(cronRuns.job, job),
          eq(cronRuns.status, "running"),
          gt(cronRuns.startedAt, new Date(startedAt.getTime() - limits.withinMs)),
        ),
      );
    if ((running?.n ?? 0) >= limits.maxRunning) return null;
    const [row] = await tx
      .insert(cronRuns)
      .values({ job, status: "running", startedAt })
      .returning({ id: cronRuns.id });
    if (!row) throw new Error("cron_runs insert returned nothing");
    return row.id;
  });
}

async function finishCronRun(
  id: string,
  outcome: {
    status: "succeeded" | "failed";
    summary: Record<string, unknown> | null;
    error: string | null;
    finishedAt: Date;
  },
): Promise<void> {
  await db().update(cronRuns).set(outcome).where(eq(cronRuns.id, id));
}

/** The run did its work: `summary` is what the admin dashboard shows for it. */
export async function succeedCronRun(
  id: string,
  summary: Record<string, unknown>,
  finishedAt: Date,
): Promise<void> {
  await finishCronRun(id, { status: "succeeded", summary, error: null, finishedAt });
}

/**
 * The run threw `error` (with what it had done so far, if anything). Never throws itself: the
 * job's own error, which the caller rethrows, is the one that matters.
 */
export async function failCronRun(
  id: string,
  error: unknown,
  finishedAt: Date,
  summary: Record<string, unknown> | null = null,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await finishCronRun(id, { status: "failed", summary, error: message, finishedAt }).catch(
    () => {},
  );
}

export async function lastSuccessfulRun(job: string) {
  const [row] = await db()
    .select()
    .from(cronRuns)
    .where(and(eq(cronRuns.job, job), eq(cronRuns.status, "succeeded")))
    .orderBy(desc(cronRuns.startedAt))
    .limit(1);
  return row ?? null;
}
