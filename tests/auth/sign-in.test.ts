import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/forms/form-result";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { authenticateWithPassword, signInSchema } from "@/lib/auth/sign-in";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { users, verificationTokens } from "@/lib/db/schema";

const ip = "203.0.113.7";

beforeEach(async () => {
  await db().execute(
    sql`truncate table users, sign_in_throttles, verification_tokens, rate_limits cascade`,
  );
  await db()
    .insert(users)
    .values({
      email: "member@example.com",
      passwordHash: await hashPassword("right-password"),
      name: "회원",
      emailVerified: new Date(),
    });
});

async function newSignUp(email: string, password: string) {
  const result = await signUpWithPassword({
    email,
    password,
    clientIp: null,
    agreements: { terms: true, privacy: true, marketing: false },
  });
  if (!result.ok || !result.verifyUrl) throw new Error("sign-up did not issue a link");
  return new URL(result.verifyUrl).searchParams.get("token") ?? "";
}

describe("email verification at sign-in", () => {
  it("refuses an unverified account's right password with the generic answer", async () => {
    await newSignUp("pending@example.com", "pending-password");
    const result = await authenticateWithPassword({
      email: "pending@example.com",
      password: "pending-password",
      clientIp: ip,
    });
    // Exactly what a wrong password or an unknown email gets: sign-up + sign-in is no oracle.
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("verifies with the emailed token and the right password, once", async () => {
    const token = await newSignUp("pending@example.com", "pending-password");
    const wrong = await authenticateWithPassword({
      email: "pending@example.com",
      password: "squatter-guess",
      verificationToken: token,
      clientIp: ip,
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    // A wrong password does not use the link up.
    expect(await db().select().from(verificationTokens)).toHaveLength(1);

    const result = await authenticateWithPassword({
      email: "pending@example.com",
      password: "pending-password",
      verificationToken: token,
      clientIp: ip,
    });
    expect(result).toMatchObject({ ok: true, user: { email: "pending@example.com" } });
    const [row] = await db().select().from(users).where(eq(users.email, "pending@example.com"));
    expect(row?.emailVerified).toBeInstanceOf(Date);
    expect(await db().select().from(verificationTokens)).toEqual([]);

    // From now on the password alone is enough; the used link verifies nothing else.
    expect(
      await authenticateWithPassword({
        email: "pending@example.com",
        password: "pending-password",
        clientIp: ip,
      }),
    ).toMatchObject({ ok: true });
  });

  it("does not verify with an expired link", async () => {
    const token = await newSignUp("late@example.com", "late-password-1");
    const result = await authenticateWithPassword({
      email: "late@example.com",
      password: "late-password-1",
      verificationToken: token,
      clientIp: ip,
      now: new Date(Date.now() + 24 * 60 * 60 * 1000 + 1000),
    });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    const [row] = await db().select().from(users).where(eq(users.email, "late@example.com"));
    expect(row?.emailVerified).toBeNull();
  });

  it("does not let one account's link verify another", async () => {
    const token = await newSignUp("first@example.com", "first-password");
    await newSignUp("second@example.com", "second-password");
    const result = await authenticateWithPassword({
      email: "second@example.com",
      password: "second-password",
      verificationToken: token,
      clientIp: ip,
    });
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("authenticateWithPassword", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const input = signInSchema.parse({ email: " Member@Example.com", password: "right-password" });
    const result = await authenticateWithPassword({ ...input, clientIp: ip });

    expect(result).toMatchObject({
      ok: true,
      user: { email: "member@example.com", name: "회원", role: "customer" },
    });
    // The password hash never leaves lib/auth.
    expect(JSON.stringify(result)).not.toContain("argon2");
  });

  it("gives the same answer for a wrong password, an unknown email and a password-less account", async () => {
    await db().insert(users).values({ email: "kakao-only@example.com", passwordHash: null });

    const wrongPassword = await authenticateWithPassword({
      email: "member@example.com",
      password: "wrong-password",
      clientIp: ip,
    });
    const unknownEmail = await authenticateWithPassword({
      email: "nobody@example.com",
      password: "right-password",
      clientIp: ip,
    });
    const noPassword = await authenticateWithPassword({
      email: "kakao-only@example.com",
      password: "anything",
      clientIp: ip,
    });

    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(noPassword).toEqual(wrongPassword);
  });
});

describe("sign-in validation", () => {
  it("asks for both fields in Korean", () => {
    const parsed = signInSchema.safeParse({ email: "", password: "" });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({
      email: "이메일을 입력해 주세요.",
      password: "비밀번호를 입력해 주세요.",
    });
  });

  it("does not apply the sign-up length rule to existing passwords", () => {
    expect(signInSchema.safeParse({ email: "a@b.kr", password: "short" }).success).toBe(true);
  });
});
