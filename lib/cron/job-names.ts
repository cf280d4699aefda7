// The cron jobs' names as cron_runs.job records them: written by the job's run, read by the
// health figures and the setup checklist (which must not import the jobs themselves).
export const BILLING_JOB = "billing";
export const NOTIFICATIONS_JOB = "notifications";
// A worker invocation the billing cron fanned out (lib/jobs/run-billing-worker.ts): recorded apart
// from BILLING_JOB, so "the billing cron last succeeded at" still means the hourly run.
export const BILLING_WORKER_JOB = "billing-worker";
