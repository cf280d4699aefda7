// POST /api/cron/billing/worker (never scheduled: started by GET /api/cron/billing)
// One fan-out worker of the billing run (lib/jobs/run-billing-worker.ts, docs/billing-fan-out.md):
// the same CRON_SECRET bearer as the cron, ?parent=<run id>&worker=<n>, nothing else. It answers
// once the worker is recorded and charges after the response, within this function's maxDuration.
import { startBillingWorker } from "@/lib/jobs/run-billing-worker";
import { BILLING_WORKER_JOB } from "@/lib/cron/job-names";
import { withCron } from "@/lib/cron/with-cron";

export const dynamic = "force-dynamic";
// Seconds, like the cron's: the worker budgets itself to this and stops claiming 45 s before.
export const maxDuration = 300;

export const POST = withCron(BILLING_WORKER_JOB, (request) =>
  startBillingWorker(request, maxDuration * 1000),
);
