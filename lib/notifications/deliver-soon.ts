import { after } from "next/server";
import { drainOutbox } from "./deliver-notifications";

// Emails should leave within seconds of the change they report, not at the next cron run: after
// a request that enqueued notifications has answered, the same function instance delivers the
// outbox (Next's after(), which Vercel keeps alive for it). The cron (/api/cron/notifications)
// stays the safety net for whatever this misses: a crash, a timeout, an SMTP outage. Work that
// itself runs after the response (the first charge after a billing key is activated) and writes
// notifications calls deliverNotificationsNow() once its transaction committed, because the
// pass its enqueue scheduled may already have looked.
//
// enqueueNotification calls this for every row it writes, so a request that enqueues N
// notifications registers N after() callbacks. They all start together once the response is
// done, and share one pass per process: the pass waits one macrotask before its first claim,
// so every callback of that request has asked by then, and it runs again only when another
// request asked while it was delivering.

// A pass after a response should not hold the function for long; the cron does the bulk.
const PASS_BUDGET_MS = 15_000;
const PASS_BATCH_SIZE = 20;

let pass: Promise<void> | null = null;
let askedAgain = false;

function deliverCoalesced(): Promise<void> {
  if (pass) {
    askedAgain = true;
    return pass;
  }
  pass = (async () => {
    try {
      await new Promise((resolve) => setImmediate(resolve));
      do {
        askedAgain = false;
        await drainOutbox({ budgetMs: PASS_BUDGET_MS, batchSize: PASS_BATCH_SIZE });
      } while (askedAgain);
    } catch (error) {
      console.warn(
        `[notifications] delivery after the response failed; the cron will retry: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      pass = null;
    }
  })();
  return pass;
}

/**
 * Delivers the outbox now, sharing the pass in flight (which then runs once more). For code that
 * already runs after the response and has just committed notifications.
 */
export function deliverNotificationsNow(): Promise<void> {
  return deliverCoalesced();
}

/** Schedules a delivery pass after the current response. Outside a request it does nothing. */
export function deliverNotificationsSoon(): void {
  try {
    // Each request's callback returns the shared pass, so the platform keeps the function alive
    // until the pass that covers this request has finished.
    after(deliverCoalesced);
  } catch {
    // Not inside a request (scripts, tests): the cron delivers.
  }
}
