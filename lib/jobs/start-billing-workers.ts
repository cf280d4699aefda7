import { getEnv } from "@/lib/env";
import type { StartWorkers } from "./billing-fan-out";

// How the billing cron starts its workers (billing-fan-out.ts): one POST per worker to
// /api/cron/billing/worker on the app's own public origin (APP_URL, required in production by
// lib/env.ts, so a deployment without it never starts), with the same CRON_SECRET bearer Vercel
// Cron uses. The worker route answers as soon as it has recorded itself and handed the run to
// after(), so the short timeout only waits for "started", never for the charging.
export const WORKER_PATH = "/api/cron/billing/worker";
const START_TIMEOUT_MS = 10_000;

export const startBillingWorkersOverHttp: StartWorkers = async ({ parentRunId, count }) => {
  const env = getEnv();
  const secret = env.CRON_SECRET;
  if (!secret) return { started: 0, failed: count };
  const answers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const url = new URL(WORKER_PATH, env.APP_URL);
      url.searchParams.set("parent", parentRunId);
      url.searchParams.set("worker", String(i + 1));
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}` },
          signal: AbortSignal.timeout(START_TIMEOUT_MS),
          cache: "no-store",
        });
        await response.body?.cancel();
        if (!response.ok) console.error(`[billing] worker ${i + 1}: ${response.status}`);
        return response.ok;
      } catch (error) {
        console.error(`[billing] worker ${i + 1} did not start:`, error);
        return false;
      }
    }),
  );
  const started = answers.filter(Boolean).length;
  return { started, failed: count - started };
};
