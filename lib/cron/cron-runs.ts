import { and, desc, eq } from "drizzle-orm";
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
