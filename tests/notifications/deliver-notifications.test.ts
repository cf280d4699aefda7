import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { notifications, users } from "@/lib/db/schema";
import {
  deliverNotifications,
  drainOutbox,
  RETRY_BACKOFF_MINUTES,
} from "@/lib/notifications/deliver-notifications";
import {
  createSmtpMailer,
  describeSendError,
  mailerFor,
  NOT_CONFIGURED_REASON,
} from "@/lib/notifications/mailer";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { startSmtpSink, type SmtpSink } from "@/scripts/support/smtp-sink";

let sink: SmtpSink;
let mailer: ReturnType<typeof createSmtpMailer>;

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createSmtpMailer({ url: sink.url, from: "구독 스토어 <billing@shop.test>" });
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});
beforeEach(async () => {
  sink.messages.length = 0;
  sink.refuseNext(0, "");
  // Each test starts with an empty outbox.
  await db()
    .delete(notifications)
    .where(inArray(notifications.status, ["pending", "sent", "failed", "skipped"]));
});

const now = new Date("2027-06-01T00:00:00Z");

async function queueFailedPayment(email = `u-${randomUUID()}@example.com`) {
  const [user] = await db().insert(users).values({ email }).returning();
  const row = await enqueueNotification(db(), {
    kind: "payment_failed",
    data: { planName: "베이직", amount: 9_900, reason: "카드 잔액이 부족해요." },
    userId: user!.id,
    dedupeKey: dedupeKeyFor("payment_failed", randomUUID()),
    now,
  });
  return { user: user!, row: row! };
}

async function rowOf(id: string) {
  const [row] = await db().select().from(notifications).where(eq(notifications.id, id));
  return row!;
}

describe("deliverNotifications over SMTP", () => {
  it("emails the rendered Korean subject and body to the customer and marks the row sent", async () => {
    const { user, row } = await queueFailedPayment();
    const summary = await deliverNotifications({ now, mailer });
    expect(summary).toMatchObject({ claimed: 1, sent: 1, retrying: 0, failed: 0 });

    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe("billing@shop.test");
    expect(mail.subject).toBe(row.subject);
    expect(mail.subject).toContain("결제에 실패했어요");
    expect(mail.text.trim()).toBe(row.body.trim());
    expect(mail.text).toContain("실패 사유: 카드 잔액이 부족해요.");

    const after = await rowOf(row.id);
    expect(after.status).toBe("sent");
    expect(after.sentAt).toEqual(now);
    expect(after.attempts).toBe(1);

    // Nothing is due any more: a second run sends nothing.
    expect(await deliverNotifications({ now, mailer })).toMatchObject({ claimed: 0, sent: 0 });
    expect(sink.messages).toHaveLength(1);
  });

  it("does not send before send_after", async () => {
    const { row } = await queueFailedPayment();
    await db()
      .update(notifications)
      .set({ sendAfter: new Date(now.getTime() + 60_000) })
      .where(eq(notifications.id, row.id));
    expect(await deliverNotifications({ now, mailer })).toMatchObject({ claimed: 0 });
    expect(
      await deliverNotifications({ now: new Date(now.getTime() + 60_000), mailer }),
    ).toMatchObject({
      sent: 1,
    });
  });

  it("sends a notice enqueued in the same millisecond as the pass's clock", async () => {
    // The database's now() has microseconds; a JavaScript Date is a whole millisecond. A notice
    // stamped 123.456 ms is due for a pass that read 123 ms (it was enqueued before the pass).
    const { row } = await queueFailedPayment();
    await db()
      .update(notifications)
      .set({ sendAfter: sql`${now.toISOString()}::timestamptz + interval '456 microseconds'` })
      .where(eq(notifications.id, row.id));
    expect(await deliverNotifications({ now, mailer })).toMatchObject({ claimed: 1, sent: 1 });
    // The next millisecond is not.
    const next = await queueFailedPayment();
    await db()
      .update(notifications)
      .set({ sendAfter: new Date(now.getTime() + 1) })
      .where(eq(notifications.id, next.row.id));
    expect(await deliverNotifications({ now, mailer })).toMatchObject({ claimed: 0 });
  });

  it("retries a temporary refusal with backoff, then gives up after the last attempt", async () => {
    const { row } = await queueFailedPayment();
    sink.refuseNext(100, "451 4.3.0 mailbox busy");

    let at = now;
    for (let attempt = 1; attempt <= RETRY_BACKOFF_MINUTES.length; attempt++) {
      const summary = await deliverNotifications({ now: at, mailer });
      expect(summary).toMatchObject({ claimed: 1, retrying: 1 });
      const current = await rowOf(row.id);
      expect(current.status).toBe("pending");
      expect(current.attempts).toBe(attempt);
      expect(current.lastError).toContain("451");
      const wait = RETRY_BACKOFF_MINUTES[attempt - 1]! * 60_000;
      expect(current.sendAfter).toEqual(new Date(at.getTime() + wait));
      // Not due a moment before the backoff ends.
      expect(
        await deliverNotifications({ now: new Date(at.getTime() + wait - 1), mailer }),
      ).toMatchObject({
        claimed: 0,
      });
      at = new Date(at.getTime() + wait);
    }
    expect(await deliverNotifications({ now: at, mailer })).toMatchObject({ failed: 1 });
    expect((await rowOf(row.id)).status).toBe("failed");
    expect(sink.messages).toHaveLength(0);
  });

  it("recovers after a temporary refusal", async () => {
    const { row } = await queueFailedPayment();
    sink.refuseNext(1, "421 4.7.0 try again later");
    expect(await deliverNotifications({ now, mailer })).toMatchObject({ retrying: 1 });
    const later = new Date(now.getTime() + RETRY_BACKOFF_MINUTES[0] * 60_000);
    expect(await deliverNotifications({ now: later, mailer })).toMatchObject({ sent: 1 });
    expect((await rowOf(row.id)).status).toBe("sent");
    expect(sink.messages).toHaveLength(1);
  });

  it("gives up at once on a permanent refusal", async () => {
    const { row } = await queueFailedPayment();
    sink.refuseNext(1, "550 5.1.1 no such user");
    expect(await deliverNotifications({ now, mailer })).toMatchObject({ failed: 1 });
    const after = await rowOf(row.id);
    expect(after.status).toBe("failed");
    expect(after.lastError).toContain("550");
  });

  it("sends each notification once under concurrent deliverers", async () => {
    const rows = await Promise.all(Array.from({ length: 12 }, () => queueFailedPayment()));
    const summaries = await Promise.all(
      Array.from({ length: 4 }, () => deliverNotifications({ now, mailer, limit: 5 })),
    );
    const sent = summaries.reduce((n, s) => n + s.sent, 0);
    // Whatever the first round left is sent by the next one.
    const rest = await deliverNotifications({ now, mailer });
    expect(sent + rest.sent).toBe(12);
    expect(sink.messages).toHaveLength(12);
    expect(new Set(sink.messages.map((m) => m.to[0])).size).toBe(12);
    for (const { row } of rows) expect((await rowOf(row.id)).status).toBe("sent");
  });

  it("without a mailer marks due rows skipped and keeps them for the account page", async () => {
    const { row } = await queueFailedPayment();
    expect(await deliverNotifications({ now, mailer: null })).toMatchObject({ skipped: 1 });
    const after = await rowOf(row.id);
    expect(after.status).toBe("skipped");
    expect(after.lastError).toBe(NOT_CONFIGURED_REASON);
    expect(after.body).toContain("결제에 실패했어요");
    expect(sink.messages).toHaveLength(0);
  });

  it("drains batch after batch until nothing is due", async () => {
    await Promise.all(Array.from({ length: 7 }, () => queueFailedPayment()));
    const summary = await drainOutbox({ now, mailer, batchSize: 3, budgetMs: 60_000 });
    expect(summary).toMatchObject({ claimed: 7, sent: 7, batches: 3, stoppedEarly: false });
    expect(sink.messages).toHaveLength(7);
  });

  it("stops claiming when the time budget is spent and reports what is left", async () => {
    await Promise.all(Array.from({ length: 5 }, () => queueFailedPayment()));
    const summary = await drainOutbox({ now, mailer, batchSize: 2, budgetMs: 0 });
    expect(summary).toMatchObject({ sent: 2, batches: 1, stoppedEarly: true, remaining: 3 });
  });

  it("never keeps SMTP credentials in an error message", () => {
    const url = "smtps://mailer:s3cr%21t-pass@smtp.example.com:465";
    const message = describeSendError(
      new Error(`Invalid login for mailer with s3cr!t-pass at ${url}`),
      url,
    );
    expect(message).not.toContain("s3cr");
    expect(message).not.toContain("mailer:");
    expect(message).toContain("[redacted]");
  });
});

describe("without SMTP_URL", () => {
  const base = { SMTP_URL: undefined, EMAIL_FROM: undefined, APP_URL: "http://localhost:3000" };
  let printed: string[];
  beforeEach(() => {
    printed = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        printed.push(args.map(String).join(" "));
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());

  it("prints the email to the console in development and keeps it in the outbox as skipped", async () => {
    const { user, row } = await queueFailedPayment();
    const summary = await deliverNotifications({
      now,
      mailer: mailerFor({ ...base, NODE_ENV: "development" }),
    });
    expect(summary).toMatchObject({ claimed: 1, skipped: 1, sent: 0 });
    const output = printed.join("\n");
    expect(output).toContain(`To: ${user.email}`);
    expect(output).toContain(`Subject: ${row.subject}`);
    expect(output).toContain("실패 사유: 카드 잔액이 부족해요.");
    const after = await rowOf(row.id);
    expect(after.status).toBe("skipped");
    expect(after.lastError).toMatch(/SMTP_URL unset.*console/);
    expect(sink.messages).toHaveLength(0);
  });

  it("prints nothing in production (bodies carry links) and marks the row skipped", async () => {
    const { row } = await queueFailedPayment();
    for (const NODE_ENV of ["production", "test"] as const) {
      await deliverNotifications({ now, mailer: mailerFor({ ...base, NODE_ENV }) });
    }
    expect(printed).toEqual([]);
    const after = await rowOf(row.id);
    expect(after.status).toBe("skipped");
    expect(after.lastError).toBe(NOT_CONFIGURED_REASON);
  });

  it("uses SMTP whenever SMTP_URL is set, in development too", async () => {
    const { user } = await queueFailedPayment();
    const smtp = mailerFor({ ...base, NODE_ENV: "development", SMTP_URL: sink.url });
    expect(await deliverNotifications({ now, mailer: smtp })).toMatchObject({ sent: 1 });
    expect(sink.messages.map((m) => m.to)).toEqual([[user.email]]);
    expect(sink.messages[0]!.from).toBe("no-reply@localhost");
    expect(printed).toEqual([]);
  });
});
