import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { isAdminEmail, parseAdminEmails, syncAdminRole } from "@/lib/auth/admin-emails";
import { hashPassword } from "@/lib/auth/password";
import { authenticateWithPassword } from "@/lib/auth/sign-in";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { verifyPasswordlessEmail } from "@/lib/auth/describe-verification-link";
import { issueEmailVerification } from "@/lib/auth/email-verification-token";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

// lib/env.ts reads the environment on first use, which is after this line: the test file runs
// in a process of its own with its own module cache.
process.env.ADMIN_EMAILS = " Boss@Example.com , ops@example.com,, ";

async function roleOf(email: string) {
  const [row] = await db().select({ role: users.role }).from(users).where(eq(users.email, email));
  return row?.role;
}

beforeEach(async () => {
  await db().execute(
    sql`truncate table users, sign_in_throttles, verification_tokens, rate_limits cascade`,
  );
});

describe("ADMIN_EMAILS", () => {
  it("parses a comma-separated, case-insensitive list", () => {
    expect([...parseAdminEmails(" A@x.kr,b@X.KR ,, ")]).toEqual(["a@x.kr", "b@x.kr"]);
    expect(parseAdminEmails(undefined).size).toBe(0);
    expect(isAdminEmail("BOSS@example.com")).toBe(true);
    expect(isAdminEmail("someone@example.com")).toBe(false);
  });

  it("makes a listed email an admin only once its owner verified it", async () => {
    const boss = await signUpWithPassword({
      email: "boss@example.com",
      password: "password-1",
      clientIp: null,
      agreements: { terms: true, privacy: true, marketing: false },
    });
    await signUpWithPassword({
      email: "guest@example.com",
      password: "password-1",
      clientIp: null,
      agreements: { terms: true, privacy: true, marketing: false },
    });
    // Signing up first with a listed address proves nothing: still a customer.
    expect(await roleOf("boss@example.com")).toBe("customer");
    expect(await roleOf("guest@example.com")).toBe("customer");

    const token = new URL(boss.ok ? (boss.verifyUrl ?? "") : "").searchParams.get("token");
    const result = await authenticateWithPassword({
      email: "boss@example.com",
      password: "password-1",
      verificationToken: token,
      clientIp: null,
    });
    expect(result).toMatchObject({ ok: true, user: { role: "admin" } });
    expect(await roleOf("boss@example.com")).toBe("admin");
  });

  it("promotes an existing customer on their next sign-in", async () => {
    // Registered before their address was added to ADMIN_EMAILS.
    await db()
      .insert(users)
      .values({
        email: "ops@example.com",
        passwordHash: await hashPassword("password-1"),
        emailVerified: new Date(),
      });
    expect(await roleOf("ops@example.com")).toBe("customer");

    const result = await authenticateWithPassword({
      email: "ops@example.com",
      password: "password-1",
      clientIp: null,
    });

    expect(result).toMatchObject({ ok: true, user: { role: "admin" } });
    expect(await roleOf("ops@example.com")).toBe("admin");
  });

  it("does not promote on a failed sign-in", async () => {
    await db()
      .insert(users)
      .values({
        email: "ops@example.com",
        passwordHash: await hashPassword("password-1"),
        emailVerified: new Date(),
      });
    await authenticateWithPassword({ email: "ops@example.com", password: "wrong", clientIp: null });
    expect(await roleOf("ops@example.com")).toBe("customer");
  });

  it("does not promote a Kakao/Naver sign-in until the address is verified by link", async () => {
    // Auth.js creates OAuth users with emailVerified = null: the provider vouches for its own
    // account, not for our ADMIN_EMAILS.
    const [oauthUser] = await db()
      .insert(users)
      .values({ email: "boss@example.com", passwordHash: null })
      .returning();
    expect(await syncAdminRole(db(), oauthUser!.id)).toBe("customer");
    expect(await roleOf("boss@example.com")).toBe("customer");

    const { verifyUrl } = await db().transaction((tx) =>
      issueEmailVerification(tx, {
        userId: oauthUser!.id,
        email: "boss@example.com",
        now: new Date(),
      }),
    );
    const token = new URL(verifyUrl).searchParams.get("token") ?? "";
    expect(await verifyPasswordlessEmail(token)).toBe(true);
    expect(await roleOf("boss@example.com")).toBe("admin");
    // The link works once.
    expect(await verifyPasswordlessEmail(token)).toBe(false);
  });

  it("never demotes: removing an address is an explicit admin action", async () => {
    const [admin] = await db()
      .insert(users)
      .values({ email: "former@example.com", role: "admin" })
      .returning();
    expect(await syncAdminRole(db(), admin!.id)).toBe("admin");
    expect(await syncAdminRole(db(), "no-such-user")).toBeNull();
  });
});
