import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/auth/form-state";
import { verifyPassword } from "@/lib/auth/password";
import { registerUser, signUpSchema } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

beforeEach(async () => {
  await db().execute(sql`truncate table users cascade`);
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

describe("registerUser", () => {
  it("creates a customer with an argon2id hash of the password", async () => {
    const result = await registerUser({
      email: "new@example.com",
      password: "correct horse",
      name: "김민수",
    });

    expect(result).toMatchObject({
      ok: true,
      user: { email: "new@example.com", name: "김민수", role: "customer" },
    });
    const [row] = await db().select().from(users).where(eq(users.email, "new@example.com"));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.passwordHash!, "correct horse")).toBe(true);
    expect(row?.providerCustomerId).toMatch(/^cus_[0-9a-f]{32}$/);
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    const first = await registerUser({ email: "dup@example.com", password: "password-1" });
    expect(first.ok).toBe(true);

    const again = signUpSchema.parse({ email: "DUP@Example.com", password: "password-2" });
    expect(await registerUser(again)).toEqual({ ok: false, reason: "email-taken" });

    const rows = await db().select().from(users).where(eq(users.email, "dup@example.com"));
    expect(rows).toHaveLength(1);
    // The original password still works: the failed sign-up changed nothing.
    expect(await verifyPassword(rows[0]!.passwordHash!, "password-1")).toBe(true);
  });

  it("lets only one of two simultaneous sign-ups with one email succeed", async () => {
    const input = { email: "race@example.com", password: "password-1" };
    const results = await Promise.all([registerUser(input), registerUser(input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "email-taken" }]);
  });
});
