// The cron jobs' names as cron_runs.job records them: written by the job's run, read by the
// health figures and the setup checklist (which must not import the jobs themselves).
export const BILLING_JOB = "billing";
export const NOTIFICATIONS_JOB = "notifications";
