// GET /api/cron/billing (hourly)
// Scheduled in vercel.json. One pass of the billing engine (lib/jobs/run-billing.ts):
// reconcile unknown charges, expire/cancel overdue subscriptions, charge what is due, sweep
// stuck registrations. It stops claiming work before maxDuration; the next run continues. When the
// due backlog is more than one invocation clears, it first starts worker invocations
// (POST /api/cron/billing/worker) that charge beside it (docs/billing-fan-out.md).
import { runBilling } from "@/lib/jobs/run-billing";
import { startBillingWorkersOverHttp } from "@/lib/jobs/start-billing-workers";
import { withCron } from "@/lib/cron/with-cron";

export const dynamic = "force-dynamic";
// Seconds. The run budgets itself to this and stops claiming 45 s before it ends.
export const maxDuration = 300;

export const GET = withCron("billing", () =>
  runBilling({ budgetMs: maxDuration * 1000, startWorkers: startBillingWorkersOverHttp }),
);
