import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { SIGN_UP_RATE_LIMITS } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { IDLE } from "@/lib/forms/form-result";

// The sign-up form's server action, as the page calls it. Which NODE_ENV the app runs in is read
// once per module graph (lib/env caches it), so each case loads the action afresh.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

async function loadAction(nodeEnv: "development" | "test") {
  vi.resetModules();
  Object.assign(process.env, { NODE_ENV: nodeEnv });
  return (await import("@/app/(auth)/sign-up/actions")).signUpWithPassword;
}

/** A sign-up form as sent with the two required consents ticked (tests/legal covers the rest). */
function form(fields: Record<string, string>) {
  const data = new FormData();
  const ticked = { agreeTerms: "agreed", agreePrivacy: "agreed" };
  for (const [name, value] of Object.entries({ ...ticked, ...fields })) data.set(name, value);
  return data;
}

const empty = IDLE;

beforeEach(async () => {
  await db().execute(sql`truncate table users, verification_tokens, rate_limits cascade`);
});

describe("the sign-up action", () => {
  it("answers a taken and a new email with the same screen, never the old 'already registered'", async () => {
    const signUp = await loadAction("test");
    await db()
      .insert(users)
      .values({
        email: "taken@example.com",
        passwordHash: await hashPassword("password-1"),
        emailVerified: new Date(),
      });

    const taken = await signUp(empty, form({ email: "taken@example.com", password: "password-2" }));
    const fresh = await signUp(empty, form({ email: "fresh@example.com", password: "password-2" }));

    expect(taken).toEqual({
      status: "success",
      sent: { email: "taken@example.com", devVerifyUrl: null },
    });
    expect(fresh).toEqual({
      status: "success",
      sent: { email: "fresh@example.com", devVerifyUrl: null },
    });
    expect(JSON.stringify(taken)).not.toContain("이미 가입된");
  });

  it("shows the link on screen in local development only", async () => {
    const signUp = await loadAction("development");
    const result = await signUp(empty, form({ email: "dev@example.com", password: "password-1" }));
    expect(result.sent?.devVerifyUrl).toMatch(/\/verify-email\?token=[A-Za-z0-9_-]{43}$/);
  });

  it("says to try again later when sign-ups are rate-limited", async () => {
    const signUp = await loadAction("test");
    const now = new Date();
    for (let i = 0; i < SIGN_UP_RATE_LIMITS.global.limit; i++) {
      await consumeRateLimit(db(), SIGN_UP_RATE_LIMITS.global, "all", now);
    }
    const result = await signUp(empty, form({ email: "late@example.com", password: "password-1" }));
    expect(result).toMatchObject({ status: "error" });
    expect(result.message).toBe("가입 요청이 너무 많아요. 잠시 후 다시 시도해 주세요.");
    expect(result.sent).toBeUndefined();
  });
});
