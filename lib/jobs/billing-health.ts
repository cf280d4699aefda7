import { lastSuccessfulRun } from "@/lib/cron/cron-runs";
import { countUnresolvedAttempts } from "@/lib/billing/charge-outstanding-period";
import { countDueSubscriptions } from "@/lib/billing/count-due-subscriptions";
import { BILLING_JOB } from "@/lib/cron/job-names";

// The admin dashboard's health figure for the billing engine: when it last completed a run,
// how many subscriptions are due and waiting (should be near zero right after a run), and how
// many charges are awaiting a lookup (should drain within two runs of a healthy provider).

export type BillingHealth = {
  lastSuccessfulRunAt: Date | null;
  lastRunSummary: Record<string, unknown> | null;
  dueBacklog: number;
  unresolvedAttempts: number;
};

export async function getBillingHealth(options: { now?: Date } = {}): Promise<BillingHealth> {
  const now = options.now ?? new Date();
  const [last, dueBacklog, unresolvedAttempts] = await Promise.all([
    lastSuccessfulRun(BILLING_JOB),
    countDueSubscriptions(now),
    countUnresolvedAttempts(),
  ]);
  return {
    lastSuccessfulRunAt: last?.finishedAt ?? last?.startedAt ?? null,
    lastRunSummary: last?.summary ?? null,
    dueBacklog,
    unresolvedAttempts,
  };
}
