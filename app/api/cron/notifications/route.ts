// GET /api/cron/notifications (every 5 minutes)
// Scheduled in vercel.json. Sends the customer emails that are due (lib/notifications/
// run-notification-delivery.ts): the ones the pass right after each request missed and the
// retries whose backoff has ended. It stops claiming before maxDuration; the next run continues.
import { withCron } from "@/lib/cron/with-cron";
import { runNotificationDelivery } from "@/lib/notifications/run-notification-delivery";

export const dynamic = "force-dynamic";
// Seconds. New batches stop 45 s before the end, time enough for the SMTP sends in flight.
export const maxDuration = 120;

export const GET = withCron("notifications", () =>
  runNotificationDelivery({ budgetMs: (maxDuration - 45) * 1000 }),
);
