// The admin notification outbox: what was queued by the real enqueueNotification, filtered by
// status, kind, recipient and Seoul dates; and "다시 보내기", called as the server action the
// page submits, with the email then delivered over SMTP to an in-process server on 127.0.0.1.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listNotifications, parseNotificationListParams } from "@/lib/admin/notifications";
import { db } from "@/lib/db/client";
import { auditLog, merchantSettings, notifications, users } from "@/lib/db/schema";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { startSmtpSink } from "@/scripts/support/smtp-sink";
import { fakeSession as session } from "@/tests/support/fake-session";

// The session (who is signed in) and Next's request APIs are the stand-ins; requireAdmin itself
// runs and reads the role from this file's database.
vi.hoisted(() => {
  // The address the audit row records comes only from a trusted proxy's header.
  process.env.TRUSTED_PROXY_IP_HEADER = "x-real-ip";
});
const scheduled = vi.hoisted(() => ({ callbacks: [] as (() => unknown)[] }));
vi.mock("@/lib/auth/index", () => ({
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));
// The signed-in user is whoever session.userId names (tests/support/fake-session.ts).
vi.mock("@/lib/auth/read-session", () => import("@/tests/support/fake-session"));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-real-ip": "203.0.113.9" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => {
    scheduled.callbacks.push(task);
  },
}));

// Before lib/env.ts is first read (the first query below): emails go to the sink.
const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
process.env.EMAIL_FROM = "billing@shop.test";
afterAll(() => sink.close());
const { resendNotificationAction } = await import("@/app/(admin)/admin/notifications/actions");

/** The action's response is done: Next runs its after() callbacks. */
async function respond() {
  await Promise.all(scheduled.callbacks.splice(0).map((callback) => callback()));
}

beforeAll(async () => {
  await db().insert(merchantSettings).values({ id: 1 }).onConflictDoNothing();
  const [kim, lee] = await db()
    .insert(users)
    .values([
      { email: "kim@example.com", name: "김철수" },
      { email: "lee@example.com", name: "이영희" },
    ])
    .returning();
  await enqueueNotification(db(), {
    kind: "refund_issued",
    userId: kim!.id,
    dedupeKey: "refund_issued:1",
    data: { amount: 9_900, orderId: "sub_x_p1_a1", planName: "베이직" },
    now: new Date("2026-02-01T00:30:00+09:00"),
  });
  await enqueueNotification(db(), {
    kind: "payment_failed",
    userId: lee!.id,
    dedupeKey: "payment_failed:1",
    data: { planName: "프로", amount: 19_900, reason: "잔액이 부족해요." },
    now: new Date("2026-02-02T10:00:00+09:00"),
  });
  await db()
    .update(notifications)
    .set({ status: "failed", attempts: 6, lastError: "550 5.1.1 mailbox unavailable" })
    .where(eq(notifications.dedupeKey, "payment_failed:1"));
});

const list = (query: Record<string, string>) =>
  listNotifications(parseNotificationListParams(query));

describe("the notification outbox in admin", () => {
  it("lists the rendered notifications newest first, with the recipient and delivery state", async () => {
    const page = await list({});
    expect(page.total).toBe(2);
    const [failed, refund] = page.rows;
    expect(failed).toMatchObject({
      kind: "payment_failed",
      status: "failed",
      attempts: 6,
      lastError: "550 5.1.1 mailbox unavailable",
      email: "lee@example.com",
    });
    expect(refund).toMatchObject({ kind: "refund_issued", status: "pending", name: "김철수" });
    expect(refund!.body).toContain("9,900");
  });

  it("filters by status, kind, recipient and Seoul dates", async () => {
    expect((await list({ status: "failed" })).rows.map((r) => r.kind)).toEqual(["payment_failed"]);
    expect((await list({ kind: "refund_issued" })).rows.map((r) => r.email)).toEqual([
      "kim@example.com",
    ]);
    expect((await list({ q: "영희" })).rows.map((r) => r.kind)).toEqual(["payment_failed"]);
    expect((await list({ from: "2026-02-01", to: "2026-02-01" })).rows.map((r) => r.kind)).toEqual([
      "refund_issued",
    ]);
    expect((await list({ status: "sent" })).total).toBe(0);
    expect((await list({ kind: "no_such_kind" })).total).toBe(2);
  });
});

describe("다시 보내기", () => {
  let adminId = "";

  beforeAll(async () => {
    const [admin] = await db()
      .insert(users)
      .values({ email: "owner@shop.test", role: "admin", emailVerified: new Date() })
      .returning();
    adminId = admin!.id;
  });
  beforeEach(async () => {
    session.userId = adminId;
    await respond();
    sink.messages.length = 0;
  });

  function form(notificationId: string) {
    const data = new FormData();
    data.set("notificationId", notificationId);
    return data;
  }

  async function rowOf(dedupeKey: string) {
    const [row] = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, dedupeKey));
    return row!;
  }

  it("puts a failed email back into the outbox, audited, and it reaches the customer", async () => {
    const failed = await rowOf("payment_failed:1");
    expect(failed).toMatchObject({ status: "failed", attempts: 6 });

    const state = await resendNotificationAction({ status: "idle" }, form(failed.id));
    expect(state).toMatchObject({ status: "success" });

    const queued = await rowOf("payment_failed:1");
    expect(queued).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect(Math.abs(queued.sendAfter.getTime() - Date.now())).toBeLessThan(60_000);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notification.resend"), eq(auditLog.targetId, failed.id)));
    expect(audit).toMatchObject({
      actorUserId: adminId,
      targetType: "notification",
      ip: "203.0.113.9",
      before: { status: "failed", attempts: 6, lastError: "550 5.1.1 mailbox unavailable" },
      after: { status: "pending", attempts: 0 },
    });

    // Delivered right after the action's response.
    await respond();
    const mail = sink.messages.find((m) => m.to[0] === "lee@example.com");
    expect(mail?.subject).toBe(failed.subject);
    expect(mail?.text).toContain("잔액이 부족해요.");
    expect(await rowOf("payment_failed:1")).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("re-sends an email that was skipped while SMTP was not configured", async () => {
    await db()
      .update(notifications)
      .set({ status: "skipped", lastError: "email is not configured (SMTP_URL unset)" })
      .where(eq(notifications.dedupeKey, "refund_issued:1"));
    const skipped = await rowOf("refund_issued:1");
    expect(await resendNotificationAction({ status: "idle" }, form(skipped.id))).toMatchObject({
      status: "success",
    });
    await respond();
    expect(sink.messages.map((m) => m.to[0])).toEqual(["kim@example.com"]);
    expect(await rowOf("refund_issued:1")).toMatchObject({ status: "sent", lastError: null });
  });

  it("refuses an email that was sent or is waiting, and an unknown id, changing nothing", async () => {
    const sent = await rowOf("refund_issued:1");
    expect(sent.status).toBe("sent");
    expect(await resendNotificationAction({ status: "idle" }, form(sent.id))).toEqual({
      status: "error",
      message: "이미 발송된 알림이에요.",
    });
    expect(
      await resendNotificationAction({ status: "idle" }, form(crypto.randomUUID())),
    ).toMatchObject({ status: "error", message: "알림을 찾을 수 없어요." });
    expect(await resendNotificationAction({ status: "idle" }, form("not-a-uuid"))).toMatchObject({
      status: "error",
    });
    await respond();
    expect(sink.messages).toHaveLength(0);
    expect(await rowOf("refund_issued:1")).toMatchObject({ status: "sent", attempts: 1 });
  });
});
