import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  confirmEmailChange,
  describeEmailChangeLink,
  requestEmailChange,
} from "@/lib/auth/change-email";
import { changePassword } from "@/lib/auth/change-password";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { notifications, users } from "@/lib/db/schema";
import { MASKED_TOKEN, maskLinkTokens } from "@/lib/notifications/mask-link-tokens";

beforeEach(async () => {
  await db().execute(sql`truncate table users, verification_tokens, rate_limits cascade`);
});

async function createUser(email: string, password = "current-password-1") {
  const [user] = await db()
    .insert(users)
    .values({ email, emailVerified: new Date(), passwordHash: await hashPassword(password) })
    .returning();
  if (!user) throw new Error("no user");
  return user;
}

async function mailsOf(userId: string) {
  return db()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt);
}

function confirmTokenIn(body: string): string {
  const token = /confirm-email-change\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
  if (!token) throw new Error(`no link in ${body}`);
  return token;
}

describe("changing the sign-in email", () => {
  it("sends the link to the new address, tells the old one, and changes only when confirmed", async () => {
    const user = await createUser("old@example.com");
    await requestEmailChange({
      userId: user.id,
      newEmail: "New@Example.com",
      currentPassword: "current-password-1",
    });

    const [link, notice] = await mailsOf(user.id);
    expect(link).toMatchObject({ kind: "email_change_verification", recipient: "new@example.com" });
    expect(notice).toMatchObject({ kind: "email_change_notice", recipient: "old@example.com" });
    // Until confirmed, the old address stays the account's.
    const [before] = await db().select().from(users).where(eq(users.id, user.id));
    expect(before?.email).toBe("old@example.com");

    const token = confirmTokenIn(link?.body ?? "");
    expect(await describeEmailChangeLink(token)).toEqual({ newEmail: "new@example.com" });
    expect(await confirmEmailChange({ token })).toEqual({ ok: true, newEmail: "new@example.com" });
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after?.email).toBe("new@example.com");
    const mails = await mailsOf(user.id);
    expect(mails.at(-1)).toMatchObject({
      kind: "email_change_notice",
      recipient: "old@example.com",
    });
    expect(mails.at(-1)?.body).toContain("바뀌었어요");

    // Single use.
    expect(await confirmEmailChange({ token })).toEqual({ ok: false, reason: "invalid-link" });
  });

  it("refuses a wrong current password, keeping nothing", async () => {
    const user = await createUser("guarded@example.com");
    await expect(
      requestEmailChange({ userId: user.id, newEmail: "x@example.com", currentPassword: "nope" }),
    ).rejects.toMatchObject({ userMessage: "현재 비밀번호가 올바르지 않아요." });
    expect(await mailsOf(user.id)).toEqual([]);
  });

  it("refuses an address another account took before the link was used", async () => {
    const user = await createUser("mover@example.com");
    await requestEmailChange({
      userId: user.id,
      newEmail: "taken@example.com",
      currentPassword: "current-password-1",
    });
    await createUser("taken@example.com");
    const token = confirmTokenIn((await mailsOf(user.id))[0]?.body ?? "");
    expect(await confirmEmailChange({ token })).toEqual({ ok: false, reason: "taken" });
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row?.email).toBe("mover@example.com");
  });
});

describe("changePassword", () => {
  it("needs the current password, then replaces it and ends every session", async () => {
    const user = await createUser("pw@example.com");
    await expect(
      changePassword({ userId: user.id, currentPassword: "wrong", newPassword: "brand-new-1" }),
    ).rejects.toMatchObject({ code: "bad_request" });
    const now = new Date();
    await changePassword({
      userId: user.id,
      currentPassword: "current-password-1",
      newPassword: "brand-new-1",
      now,
    });
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row?.passwordHash ?? "", "brand-new-1")).toBe(true);
    expect(row?.sessionsValidFrom?.getTime()).toBe(now.getTime());
  });
});

describe("maskLinkTokens", () => {
  it("hides one-time tokens in what the merchant and the export show", () => {
    const body = `링크: https://shop.example/reset-password?token=${"A".repeat(43)}\n끝`;
    expect(maskLinkTokens(body)).toBe(
      `링크: https://shop.example/reset-password?token=${MASKED_TOKEN}\n끝`,
    );
  });
});
