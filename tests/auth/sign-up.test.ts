import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/forms/form-result";
import { hashVerificationToken } from "@/lib/auth/email-verification-token";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { SIGN_UP_RATE_LIMITS, signUpSchema, signUpWithPassword } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { notifications, users, verificationTokens } from "@/lib/db/schema";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

const ip = "203.0.113.40";

beforeEach(async () => {
  await db().execute(sql`truncate table users, verification_tokens, rate_limits cascade`);
});

function errorsFor(input: Record<string, unknown>) {
  const parsed = signUpSchema.safeParse(input);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return fieldErrorsOf(parsed.error);
}

describe("sign-up validation", () => {
  it("normalizes the email and drops an empty name", () => {
    expect(
      signUpSchema.parse({ email: "  Kim.Minsu@Example.COM ", password: "12345678", name: " " }),
    ).toEqual({ email: "kim.minsu@example.com", password: "12345678", name: undefined });
  });

  it("keeps the password exactly as typed", () => {
    expect(signUpSchema.parse({ email: "a@b.kr", password: "  spaced  " }).password).toBe(
      "  spaced  ",
    );
  });

  it.each([
    [{ email: "", password: "12345678" }, { email: "이메일을 입력해 주세요." }],
    [{ password: "12345678" }, { email: "이메일을 입력해 주세요." }],
    [
      { email: "not-an-email", password: "12345678" },
      { email: "올바른 이메일 주소를 입력해 주세요. (예: name@example.com)" },
    ],
    [{ email: "a@b.kr", password: "1234567" }, { password: "비밀번호는 8자 이상이어야 해요." }],
    [
      { email: "a@b.kr", password: "x".repeat(129) },
      { password: "비밀번호는 128자 이하로 입력해 주세요." },
    ],
    [{ email: "a@b.kr" }, { password: "비밀번호를 입력해 주세요." }],
    [
      { email: "a@b.kr", password: "12345678", name: "가".repeat(51) },
      { name: "이름은 50자 이하로 입력해 주세요." },
    ],
  ])("rejects %j with a Korean message on the field", (input, expected) => {
    expect(errorsFor(input)).toEqual(expected);
  });

  it("accepts the boundary lengths", () => {
    expect(signUpSchema.safeParse({ email: "a@b.kr", password: "x".repeat(8) }).success).toBe(true);
    expect(signUpSchema.safeParse({ email: "a@b.kr", password: "x".repeat(128) }).success).toBe(
      true,
    );
  });

  it("rejects a file where text is expected", () => {
    const form = new FormData();
    form.set("email", new File(["x"], "email.txt"));
    form.set("password", "12345678");
    expect(errorsFor(Object.fromEntries(form))).toEqual({ email: "이메일을 입력해 주세요." });
  });
});

function signUp(
  input: { email: string; password: string; name?: string },
  clientIp: string | null = ip,
) {
  return signUpWithPassword({
    ...input,
    clientIp,
    agreements: { terms: true, privacy: true, marketing: false },
  });
}

async function notificationsTo(email: string) {
  return db()
    .select({ kind: notifications.kind, body: notifications.body, data: notifications.data })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(users.email, email));
}

function tokenOf(verifyUrl: string): string {
  return new URL(verifyUrl).searchParams.get("token") ?? "";
}

describe("signUpWithPassword", () => {
  it("creates an unverified customer and emails a single-use link, storing only its hash", async () => {
    const result = await signUp({
      email: "new@example.com",
      password: "correct horse",
      name: "김민수",
    });

    expect(result).toMatchObject({ ok: true, email: "new@example.com" });
    const [row] = await db().select().from(users).where(eq(users.email, "new@example.com"));
    expect(row).toMatchObject({ name: "김민수", role: "customer", emailVerified: null });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.passwordHash!, "correct horse")).toBe(true);
    expect(row?.providerCustomerId).toMatch(/^cus_[0-9a-f]{32}$/);

    const [mail] = await notificationsTo("new@example.com");
    expect(mail?.kind).toBe("email_verification");
    const verifyUrl = String(mail?.data.verifyUrl);
    expect(verifyUrl).toMatch(/\/verify-email\?token=[A-Za-z0-9_-]{43}$/);
    expect(mail?.body).toContain(verifyUrl);
    expect(result.ok && result.verifyUrl).toBe(verifyUrl);

    const tokens = await db().select().from(verificationTokens);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      identifier: "new@example.com",
      token: hashVerificationToken(tokenOf(verifyUrl)),
    });
    expect(tokens[0]!.token).not.toBe(tokenOf(verifyUrl));
    const hours = (tokens[0]!.expires.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it("answers the same for a registered email, creates nothing and tells the owner instead", async () => {
    await db()
      .insert(users)
      .values({
        email: "dup@example.com",
        passwordHash: await hashPassword("password-1"),
        emailVerified: new Date(),
      });

    const again = signUpSchema.parse({ email: "DUP@Example.com", password: "password-2" });
    const result = await signUp(again);
    const fresh = await signUp({ email: "fresh@example.com", password: "password-2" });

    // The same shape of answer as a brand-new address (the link is only shown in development).
    expect(result).toEqual({ ok: true, email: "dup@example.com", verifyUrl: null });
    expect(Object.keys(result).sort()).toEqual(Object.keys(fresh).sort());
    const rows = await db().select().from(users).where(eq(users.email, "dup@example.com"));
    expect(rows).toHaveLength(1);
    // The original password still works: the sign-up changed nothing.
    expect(await verifyPassword(rows[0]!.passwordHash!, "password-1")).toBe(true);
    expect((await notificationsTo("dup@example.com")).map((n) => n.kind)).toEqual([
      "sign_up_attempt",
    ]);
    // Asking again within the hour does not send a second email.
    await signUp(again);
    expect(await notificationsTo("dup@example.com")).toHaveLength(1);
  });

  it("replaces an unfinished sign-up's password and sends a new link (the old one stops working)", async () => {
    const first = await signUp({ email: "retry@example.com", password: "squatter-pass" });
    const second = await signUp({ email: "retry@example.com", password: "owner-password" });

    const [row] = await db().select().from(users).where(eq(users.email, "retry@example.com"));
    expect(await verifyPassword(row!.passwordHash!, "owner-password")).toBe(true);
    const tokens = await db().select().from(verificationTokens);
    expect(tokens.map((t) => t.token)).toEqual([
      hashVerificationToken(tokenOf(second.ok ? (second.verifyUrl ?? "") : "")),
    ]);
    expect(first.ok && second.ok && first.verifyUrl !== second.verifyUrl).toBe(true);
  });

  it("lets only one of two simultaneous sign-ups with one email create an account", async () => {
    const input = { email: "race@example.com", password: "password-1" };
    const results = await Promise.all([signUp(input), signUp(input)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db().select().from(users).where(eq(users.email, "race@example.com"))).toHaveLength(
      1,
    );
  });

  it("refuses the 11th sign-up an hour from one address, before hashing or creating anything", async () => {
    for (let i = 0; i < SIGN_UP_RATE_LIMITS.ip.limit; i++) {
      expect(await signUp({ email: `bulk${i}@example.com`, password: "password-1" })).toMatchObject(
        { ok: true },
      );
    }
    const refused = await signUp({ email: "bulk-last@example.com", password: "password-1" });
    expect(refused).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await db().select().from(users).where(eq(users.email, "bulk-last@example.com"))).toEqual(
      [],
    );
    // Another address is not affected.
    expect(
      await signUp({ email: "neighbour@example.com", password: "password-1" }, "198.51.100.9"),
    ).toMatchObject({ ok: true });
  });

  it("caps sign-ups per email and for the whole store, also when the address is unknown", async () => {
    for (let i = 0; i < SIGN_UP_RATE_LIMITS.email.limit; i++) {
      await signUp({ email: "target@example.com", password: "password-1" }, null);
    }
    expect(
      await signUp({ email: "target@example.com", password: "password-1" }, null),
    ).toMatchObject({ ok: false, reason: "rate-limited" });

    // The global counter: pretend the store already took its hourly maximum.
    const now = new Date();
    for (let i = 0; i < SIGN_UP_RATE_LIMITS.global.limit; i++) {
      await consumeRateLimit(db(), SIGN_UP_RATE_LIMITS.global, "all", now);
    }
    expect(
      await signUp({ email: "anyone@example.com", password: "password-1" }, "198.51.100.10"),
    ).toMatchObject({ ok: false, reason: "rate-limited" });
  });
});
