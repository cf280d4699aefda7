import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { hashVerificationToken } from "@/lib/auth/email-verification-token";
import { hashPassword } from "@/lib/auth/password";
import {
  RESEND_VERIFICATION_RATE_LIMITS,
  resendEmailVerification,
} from "@/lib/auth/resend-email-verification";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { notifications, users, verificationTokens } from "@/lib/db/schema";

beforeEach(async () => {
  await db().execute(sql`truncate table users, verification_tokens, rate_limits cascade`);
});

async function verificationEmailsTo(email: string) {
  return db()
    .select({ kind: notifications.kind })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(users.email, email));
}

describe("resendEmailVerification", () => {
  it("sends an unverified account a new link and retires the old one", async () => {
    const first = await signUpWithPassword({
      email: "pending@example.com",
      password: "password-1",
      clientIp: null,
      agreements: { terms: true, privacy: true, marketing: false },
    });
    const again = await resendEmailVerification({ email: "Pending@Example.com", clientIp: null });

    expect(again).toMatchObject({ ok: true });
    const newUrl = again.ok ? (again.verifyUrl ?? "") : "";
    const oldUrl = first.ok ? (first.verifyUrl ?? "") : "";
    expect(newUrl).not.toBe(oldUrl);
    const tokens = await db().select().from(verificationTokens);
    expect(tokens.map((t) => t.token)).toEqual([
      hashVerificationToken(new URL(newUrl).searchParams.get("token") ?? ""),
    ]);
    expect(await verificationEmailsTo("pending@example.com")).toHaveLength(2);
  });

  it("answers the same and sends nothing for a verified or unknown address", async () => {
    await db()
      .insert(users)
      .values({
        email: "member@example.com",
        passwordHash: await hashPassword("password-1"),
        emailVerified: new Date(),
      });
    expect(await resendEmailVerification({ email: "member@example.com", clientIp: null })).toEqual({
      ok: true,
      verifyUrl: null,
    });
    expect(await resendEmailVerification({ email: "nobody@example.com", clientIp: null })).toEqual({
      ok: true,
      verifyUrl: null,
    });
    expect(await verificationEmailsTo("member@example.com")).toEqual([]);
    expect(await db().select().from(verificationTokens)).toEqual([]);
  });

  it("limits requests per email", async () => {
    for (let i = 0; i < RESEND_VERIFICATION_RATE_LIMITS.email.limit; i++) {
      await resendEmailVerification({ email: "flood@example.com", clientIp: "198.51.100.3" });
    }
    expect(
      await resendEmailVerification({ email: "flood@example.com", clientIp: "198.51.100.4" }),
    ).toMatchObject({ ok: false, reason: "rate-limited" });
  });
});
