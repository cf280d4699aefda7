import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { db } from "@/lib/db/client";
import { notifications, users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";

// Delivers the outbox. A batch is claimed with FOR UPDATE SKIP LOCKED and leased by pushing
// send_after past the send, so concurrent cron runs never pick the same row and a crashed
// worker's rows come back after the lease. Delivery is at least once: a worker killed between
// the SMTP answer and the status update sends that one email again after the lease.
//
// Without SMTP_URL nothing is emailed: rows are marked `skipped` and stay visible to the
// customer (account page) and the merchant (admin), which is where they are always shown.

export type OutgoingEmail = { to: string; subject: string; text: string };
export type Mailer = { send: (email: OutgoingEmail) => Promise<{ messageId: string | null }> };

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
// Longer than the SMTP timeouts below together, so a lease never expires mid-send.
const LEASE_MS = 2 * 60_000;
const SEND_CONCURRENCY = 4;
const ERROR_MAX_LENGTH = 500;

type SmtpError = Error & { code?: string; responseCode?: number; command?: string };

/** An SMTP mailer (nodemailer) for `url` (smtp:// or smtps://, credentials in the URL). */
export function createSmtpMailer(options: { url: string; from: string }): Mailer & {
  close: () => void;
} {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: SEND_CONCURRENCY,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // nodemailer logs nothing by default; keep it so (the URL holds the password).
    logger: false,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        headers: { "Content-Language": "ko" },
      });
      return { messageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}

let envMailer: (Mailer & { close: () => void }) | undefined;

/** The mailer configured by SMTP_URL / EMAIL_FROM, or null when email is not configured. */
export function mailerFromEnv(): Mailer | null {
  const env = getEnv();
  if (!env.SMTP_URL) return null;
  envMailer ??= createSmtpMailer({
    url: env.SMTP_URL,
    from: env.EMAIL_FROM ?? `no-reply@${new URL(env.APP_URL).hostname}`,
  });
  return envMailer;
}

/** An error message safe to store and show: no credentials, bounded length. */
export function describeSendError(error: unknown, smtpUrl: string | undefined): string {
  const e = error as SmtpError;
  let message = error instanceof Error ? `${e.code ?? e.name}: ${e.message}` : String(error);
  if (smtpUrl) {
    const secrets = [smtpUrl];
    try {
      const url = new URL(smtpUrl);
      if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
      if (url.username) secrets.push(url.username, decodeURIComponent(url.username));
    } catch {
      // Not a URL: the whole string is still redacted.
    }
    for (const secret of secrets.filter((s) => s.length >= 3)) {
      message = message.replaceAll(secret, "[redacted]");
    }
  }
  return message.slice(0, ERROR_MAX_LENGTH);
}

/** 550–553: the mailbox or address is refused for good; retrying cannot help. */
function isPermanent(error: unknown): boolean {
  const code = (error as SmtpError).responseCode;
  return typeof code === "number" && code >= 550 && code <= 553;
}

export function nextAttemptAt(now: Date, failedAttempts: number): Date | null {
  const minutes = RETRY_BACKOFF_MINUTES[failedAttempts - 1];
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000);
}

type Claimed = { id: string; attempts: number; to: string; subject: string; text: string };

async function claimBatch(now: Date, limit: number, emailing: boolean): Promise<Claimed[]> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .select({
        id: notifications.id,
        attempts: notifications.attempts,
        to: users.email,
        subject: notifications.subject,
        text: notifications.body,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(and(eq(notifications.status, "pending"), lte(notifications.sendAfter, now)))
      .orderBy(asc(notifications.sendAfter))
      .limit(limit)
      .for("update", { of: notifications, skipLocked: true });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    if (!emailing) {
      await tx
        .update(notifications)
        .set({ status: "skipped", lastError: "email is not configured (SMTP_URL unset)" })
        .where(inArray(notifications.id, ids));
      return rows;
    }
    await tx
      .update(notifications)
      .set({
        attempts: sql`${notifications.attempts} + 1`,
        sendAfter: new Date(now.getTime() + LEASE_MS),
      })
      .where(inArray(notifications.id, ids));
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

async function deliverOne(
  mailer: Mailer,
  row: Claimed,
  now: Date,
  smtpUrl: string | undefined,
): Promise<"sent" | "retrying" | "failed"> {
  // Only our own claim may settle the row: if the lease expired and another worker claimed it
  // again, attempts moved on and this update does nothing.
  const ours = and(
    eq(notifications.id, row.id),
    eq(notifications.status, "pending"),
    eq(notifications.attempts, row.attempts),
  );
  try {
    await mailer.send({ to: row.to, subject: row.subject, text: row.text });
  } catch (error) {
    const lastError = describeSendError(error, smtpUrl);
    const retryAt = isPermanent(error) ? null : nextAttemptAt(now, row.attempts);
    await db()
      .update(notifications)
      .set(retryAt ? { lastError, sendAfter: retryAt } : { lastError, status: "failed" })
      .where(ours);
    return retryAt ? "retrying" : "failed";
  }
  await db()
    .update(notifications)
    .set({ status: "sent", sentAt: now, lastError: null })
    .where(ours);
  return "sent";
}

/**
 * Sends the notifications that are due (status pending, send_after ≤ now), up to `limit`.
 * `mailer` defaults to the SMTP_URL one; pass null to mark everything skipped.
 */
export async function deliverNotifications(
  options: { now?: Date; limit?: number; mailer?: Mailer | null } = {},
): Promise<DeliverySummary> {
  const now = options.now ?? new Date();
  const mailer = options.mailer === undefined ? mailerFromEnv() : options.mailer;
  const summary: DeliverySummary = { claimed: 0, sent: 0, skipped: 0, retrying: 0, failed: 0 };

  if (!mailer) {
    const skipped = await claimBatch(now, options.limit ?? 100, false);
    return { ...summary, claimed: skipped.length, skipped: skipped.length };
  }

  const batch = await claimBatch(now, options.limit ?? 100, true);
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
