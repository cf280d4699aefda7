import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { merchantSettings, notifications, users } from "@/lib/db/schema";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { listNotifications, parseNotificationListParams } from "@/lib/admin/notifications";
import { listNotificationsForUser } from "@/lib/notifications/list-notifications";

async function createUser() {
  const [user] = await db()
    .insert(users)
    .values({ email: `u-${randomUUID()}@example.com` })
    .returning();
  return user!;
}

const receipt = {
  kind: "receipt" as const,
  data: {
    planName: "베이직",
    amount: 9_900,
    orderId: "sub_x_p1_a1",
    approvedAt: new Date("2027-01-01T00:00:00Z"),
    receiptUrl: "https://example.test/r/1",
  },
};

describe("enqueueNotification", () => {
  it("writes the rendered row once per dedupe key, even when the step is retried", async () => {
    const user = await createUser();
    const key = dedupeKeyFor("receipt", randomUUID());
    const first = await db().transaction((tx) =>
      enqueueNotification(tx, { ...receipt, userId: user.id, dedupeKey: key }),
    );
    expect(first?.subject).toContain("9,900원");
    expect(first?.status).toBe("pending");
    expect(first?.data).toMatchObject({ amount: 9_900, approvedAt: "2027-01-01T00:00:00.000Z" });

    const again = await db().transaction((tx) =>
      enqueueNotification(tx, {
        ...receipt,
        data: { ...receipt.data, amount: 1 },
        userId: user.id,
        dedupeKey: key,
      }),
    );
    expect(again).toBeNull();
    const rows = await db().select().from(notifications).where(eq(notifications.dedupeKey, key));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toContain("9,900원");
  });

  it("is written with the transaction that caused it, and vanishes with its rollback", async () => {
    const user = await createUser();
    const key = dedupeKeyFor("receipt", "rolled-back");
    await expect(
      db().transaction(async (tx) => {
        await enqueueNotification(tx, { ...receipt, userId: user.id, dedupeKey: key });
        throw new Error("the step failed");
      }),
    ).rejects.toThrow("the step failed");
    expect(await db().select().from(notifications).where(eq(notifications.dedupeKey, key))).toEqual(
      [],
    );
  });

  it("signs with the merchant's business name and honours sendAfter / now", async () => {
    await db()
      .insert(merchantSettings)
      .values({ id: 1, businessName: "달빛 커피", supportEmail: "cs@moon.test" })
      .onConflictDoUpdate({
        target: merchantSettings.id,
        set: { businessName: "달빛 커피", supportEmail: "cs@moon.test" },
      });
    const user = await createUser();
    const now = new Date("2027-05-01T00:00:00Z");
    const later = new Date("2027-05-02T00:00:00Z");
    const row = await enqueueNotification(db(), {
      ...receipt,
      userId: user.id,
      dedupeKey: dedupeKeyFor("receipt", randomUUID()),
      now,
      sendAfter: later,
    });
    expect(row?.subject.startsWith("[달빛 커피] ")).toBe(true);
    expect(row?.body).toContain("문의: cs@moon.test");
    expect(row?.createdAt).toEqual(now);
    expect(row?.sendAfter).toEqual(later);
  });

  it("is listed for the customer and for admin, whatever its delivery status", async () => {
    const user = await createUser();
    const other = await createUser();
    for (const owner of [user, other]) {
      await enqueueNotification(db(), {
        ...receipt,
        userId: owner.id,
        dedupeKey: dedupeKeyFor("receipt", randomUUID()),
      });
    }
    const mine = await listNotificationsForUser(user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "receipt", status: "pending" });
    // The admin outbox (/admin/notifications) lists it under the recipient's address.
    const forAdmin = await listNotifications(parseNotificationListParams({ q: other.email }));
    expect(forAdmin.rows).toMatchObject([{ email: other.email, kind: "receipt", attempts: 0 }]);
  });
});
