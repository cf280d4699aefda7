import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const productionEnv = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://app:secret@db.example.com:5432/storefront",
  AUTH_SECRET: "a".repeat(32),
  BILLING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  CRON_SECRET: "c".repeat(32),
  APP_URL: "https://shop.example.com",
  // Built, not written out: a literal sk_live_ string looks like a leaked secret.
  TOSS_PAY_API_KEY: ["sk", "live", "x".repeat(20)].join("_"),
};

describe("production", () => {
  test("a complete configuration parses", () => {
    const env = parseEnv(productionEnv);
    expect(env.NODE_ENV).toBe("production");
    expect(env.DATABASE_URL).toBe(productionEnv.DATABASE_URL);
  });

  test.each([
    "DATABASE_URL",
    "AUTH_SECRET",
    "BILLING_KEY_ENCRYPTION_KEY",
    "CRON_SECRET",
    "APP_URL",
    "TOSS_PAY_API_KEY",
  ] as const)("refuses to start without %s and names it", (name) => {
    const parse = () => parseEnv({ ...productionEnv, [name]: undefined });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow(new RegExp(`${name}: is required in production`));
  });

  test("an empty value counts as missing (a blank line in the host's settings)", () => {
    expect(() => parseEnv({ ...productionEnv, DATABASE_URL: "  " })).toThrow(
      /DATABASE_URL: is required in production/,
    );
  });

  test("every missing variable is reported at once", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /DATABASE_URL[\s\S]*AUTH_SECRET[\s\S]*BILLING_KEY_ENCRYPTION_KEY[\s\S]*CRON_SECRET[\s\S]*APP_URL[\s\S]*TOSS_PAY_API_KEY/,
    );
  });

  test("a test key or no key never runs production in the sandbox without the opt-in", () => {
    for (const key of [undefined, "sk_test_w5lNQylNqa5lNQe013Nq"]) {
      expect(() => parseEnv({ ...productionEnv, TOSS_PAY_API_KEY: key })).toThrow(
        /TOSS_PAY_API_KEY: [\s\S]*ALLOW_SANDBOX_IN_PRODUCTION=true/,
      );
    }
    const demo = parseEnv({
      ...productionEnv,
      TOSS_PAY_API_KEY: undefined,
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
    });
    expect(demo.ALLOW_SANDBOX_IN_PRODUCTION).toBe(true);
  });

  test("the sandbox opt-in and a live key contradict each other", () => {
    expect(() => parseEnv({ ...productionEnv, ALLOW_SANDBOX_IN_PRODUCTION: "true" })).toThrow(
      /ALLOW_SANDBOX_IN_PRODUCTION: must not be true while TOSS_PAY_API_KEY is a live key/,
    );
  });

  test("APP_URL comes from Vercel's production domain when unset, and must be https", () => {
    const env = parseEnv({
      ...productionEnv,
      APP_URL: undefined,
      VERCEL: "1",
      VERCEL_PROJECT_PRODUCTION_URL: "shop.example.com",
    });
    expect(env.APP_URL).toBe("https://shop.example.com");
    expect(() => parseEnv({ ...productionEnv, APP_URL: "http://shop.example.com" })).toThrow(
      /APP_URL: must be an https:\/\/ URL in production/,
    );
    // A production build served on this machine (the e2e server) may use plain http.
    expect(parseEnv({ ...productionEnv, APP_URL: "http://localhost:3210" }).APP_URL).toBe(
      "http://localhost:3210",
    );
  });

  test("a short CRON_SECRET is refused with a hint", () => {
    expect(() => parseEnv({ ...productionEnv, CRON_SECRET: "short" })).toThrow(
      /CRON_SECRET: must be at least 32 characters/,
    );
  });
});

describe("validation", () => {
  test("DATABASE_URL must be a postgres URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/x" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL/,
    );
    expect(parseEnv({ DATABASE_URL: "postgresql://localhost/x" }).DATABASE_URL).toBe(
      "postgresql://localhost/x",
    );
  });

  test("AUTH_SECRET shorter than 32 characters is rejected with a hint", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(
      /AUTH_SECRET: must be at least 32 characters/,
    );
  });

  test("PORT and DATABASE_POOL_MAX must be in range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX/);
  });

  test("DATABASE_PREPARE is off unless it says exactly true", () => {
    expect(parseEnv({}).DATABASE_PREPARE).toBe(false);
    expect(parseEnv({ DATABASE_PREPARE: "true" }).DATABASE_PREPARE).toBe(true);
    expect(() => parseEnv({ DATABASE_PREPARE: "yes" })).toThrow(/DATABASE_PREPARE/);
  });

  test("APP_URL must be http(s)", () => {
    expect(() => parseEnv({ APP_URL: "ftp://example.com" })).toThrow(/APP_URL/);
  });
});

describe("defaults outside production", () => {
  test("nothing is required in development and tests", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  test("APP_URL defaults to localhost on PORT", () => {
    expect(parseEnv({}).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "4123" }).APP_URL).toBe("http://localhost:4123");
    expect(parseEnv({ APP_URL: "https://shop.example.com" }).APP_URL).toBe(
      "https://shop.example.com",
    );
  });

  test("blank optional values are treated as unset", () => {
    const env = parseEnv({ AUTH_KAKAO_ID: "", TOSS_PAY_API_KEY: "   " });
    expect(env.AUTH_KAKAO_ID).toBeUndefined();
    expect(env.TOSS_PAY_API_KEY).toBeUndefined();
  });
});
