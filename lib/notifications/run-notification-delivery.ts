import { NOTIFICATIONS_JOB } from "@/lib/cron/job-names";
import { failCronRun, startCronRun, succeedCronRun } from "@/lib/cron/cron-runs";
import { drainOutbox, type DrainSummary } from "./deliver-notifications";
import type { Mailer } from "./mailer";

// The email job behind GET /api/cron/notifications (every 5 minutes): the safety net for
// whatever the pass right after a request (deliver-soon.ts) missed — a crash, a timeout, an SMTP
// outage, a retry whose backoff has ended. Each run is a cron_runs row, so the admin dashboard
// can tell that email delivery runs at all.

export type NotificationRunSummary = DrainSummary & { runId: string };

export async function runNotificationDelivery(options: {
  /** Stop claiming new batches after this long; the batch in flight still finishes. */
  budgetMs: number;
  batchSize?: number;
  /** Tests: a fixed clock and mailer. Default: the wall clock and the environment's mailer. */
  now?: Date;
  mailer?: Mailer | null;
}): Promise<NotificationRunSummary> {
  const startedAt = options.now ?? new Date();
  const runId = await startCronRun(NOTIFICATIONS_JOB, startedAt);
  try {
    const drained = await drainOutbox({
      budgetMs: options.budgetMs,
      batchSize: options.batchSize ?? 50,
      now: options.now,
      mailer: options.mailer,
    });
    const summary = { runId, ...drained };
    await succeedCronRun(runId, summary, new Date(startedAt.getTime() + drained.durationMs));
    return summary;
  } catch (error) {
    await failCronRun(runId, error, new Date());
    throw error;
  }
}
