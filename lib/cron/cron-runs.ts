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

export async function finishCronRun(
  id: string,
  outcome:
    | { status: "succeeded"; summary: Record<string, unknown>; finishedAt: Date }
    | { status: "failed"; error: string; summary?: Record<string, unknown>; finishedAt: Date },
): Promise<void> {
  await db()
    .update(cronRuns)
    .set({
      status: outcome.status,
      finishedAt: outcome.finishedAt,
      summary: outcome.summary ?? null,
      error: outcome.status === "failed" ? outcome.error : null,
    })
    .where(eq(cronRuns.id, id));
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
