import { and, asc, count, eq, inArray, lt, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { notifications, users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import {
  describeSendError,
  isPermanentSendError,
  mailerFromEnv,
  notConfiguredMailer,
  SEND_CONCURRENCY,
  type Mailer,
} from "./mailer";

// Delivers the outbox. A batch is claimed with FOR UPDATE SKIP LOCKED and leased by pushing
// send_after past the send, so concurrent deliverers (the cron, the pass after a request) never
// pick the same row and a crashed worker's rows come back after the lease. Delivery is at least
// once: a worker killed between the SMTP answer and the status update sends that one email
// again after the lease.
//
// Without SMTP_URL nothing is emailed (mailer.ts): rows are marked `skipped` and stay visible to
// the customer (account page) and the merchant (admin), which is where they are always shown.

export type DeliverySummary = {
  claimed: number;
  sent: number;
  skipped: number;
  // Failed this time and scheduled again with backoff.
  retrying: number;
  // Given up on (permanent rejection or attempts used up).
  failed: number;
};

// Minutes to wait after the n-th failed send (n = 1…); the last entry ends the retries.
export const RETRY_BACKOFF_MINUTES = [1, 5, 30, 120, 360] as const;
export const MAX_SEND_ATTEMPTS = RETRY_BACKOFF_MINUTES.length + 1;
// Longer than the SMTP timeouts (mailer.ts) together, so a lease never expires mid-send.
const LEASE_MS = 2 * 60_000;

export function nextAttemptAt(now: Date, failedAttempts: number): Date | null {
  const minutes = RETRY_BACKOFF_MINUTES[failedAttempts - 1];
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000);
}

type Claimed = { id: string; attempts: number; to: string; subject: string; text: string };

/**
 * Pending and due at `now`. A JavaScript Date stands for a whole millisecond, while
 * send_after has PostgreSQL's microseconds (its default is the database's now()): a notice
 * enqueued in the same millisecond as `now` was taken is due, so the bound is the end of that
 * millisecond, not its start.
 */
function due(now: Date) {
  return and(
    eq(notifications.status, "pending"),
    lt(notifications.sendAfter, new Date(now.getTime() + 1)),
  );
}

async function claimBatch(now: Date, limit: number): Promise<Claimed[]> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .select({
        id: notifications.id,
        attempts: notifications.attempts,
        // A notification addressed elsewhere (a new address being confirmed) goes there.
        to: sql<string>`coalesce(${notifications.recipient}, ${users.email})`,
        subject: notifications.subject,
        text: notifications.body,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(due(now))
      .orderBy(asc(notifications.sendAfter))
      .limit(limit)
      .for("update", { of: notifications, skipLocked: true });
    if (rows.length === 0) return [];
    await tx
      .update(notifications)
      .set({
        attempts: sql`${notifications.attempts} + 1`,
        sendAfter: new Date(now.getTime() + LEASE_MS),
      })
      .where(
        inArray(
          notifications.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

async function deliverOne(
  mailer: Mailer,
  row: Claimed,
  now: Date,
  smtpUrl: string | undefined,
): Promise<"sent" | "skipped" | "retrying" | "failed"> {
  // Only our own claim may settle the row: if the lease expired and another worker claimed it
  // again, attempts moved on and this update does nothing.
  const ours = and(
    eq(notifications.id, row.id),
    eq(notifications.status, "pending"),
    eq(notifications.attempts, row.attempts),
  );
  let outcome: Awaited<ReturnType<Mailer["send"]>>;
  try {
    outcome = await mailer.send({ to: row.to, subject: row.subject, text: row.text });
  } catch (error) {
    const lastError = describeSendError(error, smtpUrl);
    const retryAt = isPermanentSendError(error) ? null : nextAttemptAt(now, row.attempts);
    await db()
      .update(notifications)
      .set(retryAt ? { lastError, sendAfter: retryAt } : { lastError, status: "failed" })
      .where(ours);
    return retryAt ? "retrying" : "failed";
  }
  if (!outcome.delivered) {
    await db()
      .update(notifications)
      .set({ status: "skipped", lastError: outcome.reason })
      .where(ours);
    return "skipped";
  }
  await db()
    .update(notifications)
    .set({ status: "sent", sentAt: now, lastError: null })
    .where(ours);
  return "sent";
}

/**
 * Sends the notifications that are due (status pending, send_after ≤ now), up to `limit`.
 * `mailer` defaults to the environment's (mailer.ts); null means email is not configured.
 */
export async function deliverNotifications(
  options: { now?: Date; limit?: number; mailer?: Mailer | null } = {},
): Promise<DeliverySummary> {
  const now = options.now ?? new Date();
  const mailer =
    options.mailer === undefined ? mailerFromEnv() : (options.mailer ?? notConfiguredMailer);
  const summary: DeliverySummary = { claimed: 0, sent: 0, skipped: 0, retrying: 0, failed: 0 };

  const batch = await claimBatch(now, options.limit ?? 100);
  summary.claimed = batch.length;
  const smtpUrl = getEnv().SMTP_URL;
  const queue = [...batch];
  const workers = Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      summary[await deliverOne(mailer, row, now, smtpUrl)] += 1;
    }
  });
  await Promise.all(workers);
  return summary;
}

export type DrainSummary = DeliverySummary & {
  batches: number;
  // Due and still pending when the run stopped (the budget ran out); the next run sends them.
  remaining: number;
  stoppedEarly: boolean;
  durationMs: number;
};

/**
 * Delivers batch after batch until nothing is due or `budgetMs` is spent. Each batch reads the
 * clock afresh unless `now` is given. Ends because every claimed row leaves the due set: sent,
 * skipped, failed, or pushed past the batch's `now` by its backoff.
 */
export async function drainOutbox(options: {
  budgetMs: number;
  batchSize: number;
  now?: Date;
  mailer?: Mailer | null;
}): Promise<DrainSummary> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const total: DrainSummary = {
    claimed: 0,
    sent: 0,
    skipped: 0,
    retrying: 0,
    failed: 0,
    batches: 0,
    remaining: 0,
    stoppedEarly: false,
    durationMs: 0,
  };
  for (;;) {
    const batch = await deliverNotifications({
      now: options.now,
      limit: options.batchSize,
      mailer: options.mailer,
    });
    total.batches += 1;
    for (const key of ["claimed", "sent", "skipped", "retrying", "failed"] as const) {
      total[key] += batch[key];
    }
    if (batch.claimed < options.batchSize) break;
    if (elapsed() >= options.budgetMs) {
      total.stoppedEarly = true;
      total.remaining = await countDue(options.now ?? new Date());
      break;
    }
  }
  total.durationMs = Math.round(elapsed());
  return total;
}

async function countDue(now: Date): Promise<number> {
  const [row] = await db().select({ n: count() }).from(notifications).where(due(now));
  return row?.n ?? 0;
}
