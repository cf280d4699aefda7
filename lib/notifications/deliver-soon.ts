import { after } from "next/server";
import { deliverNotifications } from "./deliver-notifications";

// Emails should leave within seconds of the change they report, not at the next cron run: after
// a request that enqueued notifications has answered, the same function instance delivers the
// outbox (Next's after(), which Vercel keeps alive for it). The cron (/api/cron/notifications)
// stays the safety net for whatever this misses: a crash, a timeout, an SMTP outage.

/** Schedules one delivery pass after the current response. Outside a request it does nothing. */
export function deliverNotificationsSoon(): void {
  try {
    after(async () => {
      try {
        await deliverNotifications({ limit: 20 });
      } catch (error) {
        console.warn(
          `[notifications] delivery after the response failed; the cron will retry: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  } catch {
    // Not inside a request (scripts, the billing cron's own loop, tests): the cron delivers.
  }
}
