import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  PASSWORD_RESET_RATE_LIMITS,
  requestPasswordReset,
  type Defer,
} from "@/lib/auth/request-password-reset";
import { describeResetLink, resetPassword } from "@/lib/auth/reset-password";
import { db } from "@/lib/db/client";
import { notifications, users } from "@/lib/db/schema";

const ip = "203.0.113.77";

beforeEach(async () => {
  await db().execute(sql`truncate table users, verification_tokens, rate_limits cascade`);
});

/** Runs the after-response work at once; `settle()` waits for it. */
function inline() {
  const pending: Promise<void>[] = [];
  const defer: Defer = (work) => void pending.push(work());
  return { defer, settle: () => Promise.all(pending) };
}

async function createUser(email: string, password: string | null) {
  const [user] = await db()
    .insert(users)
    .values({
      email,
      emailVerified: new Date(),
      passwordHash: password === null ? null : await hashPassword(password),
    })
    .returning();
  if (!user) throw new Error("no user");
  return user;
}

async function request(email: string, now = new Date()) {
  const run = inline();
  const result = await requestPasswordReset({ email, clientIp: ip, now, defer: run.defer });
  await run.settle();
  return result;
}

async function resetMails(userId: string) {
  return db()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt);
}

function tokenIn(body: string): string {
  const token = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
  if (!token) throw new Error(`no reset link in ${body}`);
  return token;
}

describe("requestPasswordReset", () => {
  it("answers the same for an address with and without an account; only the account is emailed", async () => {
    const user = await createUser("member@example.com", "old-password-1");
    const known = await request("Member@Example.com");
    const unknown = await request("nobody@example.com");
    expect(known).toEqual({ ok: true });
    expect(unknown).toEqual(known);

    const mails = await resetMails(user.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.kind).toBe("password_reset");
    expect(mails[0]?.body).toContain("한 번만 쓸 수 있어요");
    const [all] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications);
    expect(all?.n).toBe(1);
  });

  it("tells a Kakao/Naver-only account it can set a password or keep its sign-in", async () => {
    const user = await createUser("kakao@example.com", null);
    await request("kakao@example.com");
    const [mail] = await resetMails(user.id);
    expect(mail?.body).toContain("카카오·네이버로만 로그인");
  });

  it("throttles per email, with the same answer for unknown addresses", async () => {
    const limit = PASSWORD_RESET_RATE_LIMITS.email.limit;
    for (let i = 0; i < limit; i += 1) expect((await request("ghost@example.com")).ok).toBe(true);
    const refused = await request("ghost@example.com");
    expect(refused).toMatchObject({ ok: false, reason: "rate-limited" });
  });
});

describe("resetPassword", () => {
  it("sets the new password, once, and ends every session", async () => {
    const user = await createUser("reset@example.com", "old-password-1");
    const now = new Date();
    await request("reset@example.com", now);
    const token = tokenIn((await resetMails(user.id))[0]?.body ?? "");

    expect(await describeResetLink(token, now)).toEqual({ email: "reset@example.com" });
    const done = await resetPassword({ token, newPassword: "new-password-2", now });
    expect(done).toEqual({ ok: true, email: "reset@example.com" });

    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(after?.passwordHash ?? "", "new-password-2")).toBe(true);
    expect(after?.sessionsValidFrom?.getTime()).toBe(now.getTime());

    // Single use.
    expect(await resetPassword({ token, newPassword: "third-password-3", now })).toEqual({
      ok: false,
      reason: "invalid-link",
    });
    expect(await describeResetLink(token, now)).toBeNull();
  });

  it("refuses a link after 30 minutes", async () => {
    const user = await createUser("late@example.com", "old-password-1");
    const sentAt = new Date("2026-12-01T00:00:00Z");
    await request("late@example.com", sentAt);
    const token = tokenIn((await resetMails(user.id))[0]?.body ?? "");
    const later = new Date(sentAt.getTime() + 30 * 60_000 + 1);
    expect(await describeResetLink(token, later)).toBeNull();
    expect((await resetPassword({ token, newPassword: "new-password-2", now: later })).ok).toBe(
      false,
    );
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(after?.passwordHash ?? "", "old-password-1")).toBe(true);
  });

  it("a newer link makes the earlier one useless", async () => {
    const user = await createUser("twice@example.com", "old-password-1");
    await request("twice@example.com", new Date(Date.now() - 1000));
    await request("twice@example.com");
    const [first, second] = await resetMails(user.id);
    const firstToken = tokenIn(first?.body ?? "");
    const secondToken = tokenIn(second?.body ?? "");
    expect((await resetPassword({ token: firstToken, newPassword: "new-password-2" })).ok).toBe(
      false,
    );
    expect((await resetPassword({ token: secondToken, newPassword: "new-password-2" })).ok).toBe(
      true,
    );
  });

  it("is not fooled by a sign-up verification token", async () => {
    const user = await createUser("mixed@example.com", "old-password-1");
    await request("mixed@example.com");
    const token = tokenIn((await resetMails(user.id))[0]?.body ?? "");
    const { findVerificationEmail } = await import("@/lib/auth/email-verification-token");
    // /verify-email looks the identifier up as an email: no account has it.
    const identifier = await findVerificationEmail(db(), token, new Date());
    const [asEmail] = await db()
      .select()
      .from(users)
      .where(eq(users.email, identifier ?? ""));
    expect(asEmail).toBeUndefined();
  });
});
