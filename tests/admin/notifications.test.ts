// The admin notification outbox: what was queued by the real enqueueNotification, filtered by
// status, kind, recipient and Seoul dates.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listNotifications, parseNotificationListParams } from "@/lib/admin/notifications";
import { db } from "@/lib/db/client";
import { merchantSettings, notifications, users } from "@/lib/db/schema";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

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
