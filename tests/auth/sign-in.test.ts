import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/auth/form-state";
import { authenticateWithPassword, signInSchema } from "@/lib/auth/sign-in";
import { registerUser } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

const ip = "203.0.113.7";

beforeEach(async () => {
  await db().execute(sql`truncate table users, sign_in_throttles cascade`);
  await registerUser({ email: "member@example.com", password: "right-password", name: "회원" });
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
