import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  TOSS_PAYMENTS_DOC_TEST_KEYS,
  tossPaymentsConfig,
  tossPaymentsMode,
} from "@/lib/payments/toss-payments/config";

// Built, not written out: a literal live key looks like a leaked secret.
const live = (kind: "sk" | "gsk" | "ck") => ["live", kind, "x".repeat(24)].join("_");
const test = (kind: "sk" | "ck") => ["test", kind, "y".repeat(24)].join("_");

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://app:secret@db.example.com:5432/storefront",
  AUTH_SECRET: "a".repeat(32),
  BILLING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  CRON_SECRET: "c".repeat(32),
  APP_URL: "https://shop.example.com",
  TOSS_PAY_API_KEY: ["sk", "live", "x".repeat(20)].join("_"),
};

const dev = (vars: Record<string, string | undefined> = {}) =>
  parseEnv({ NODE_ENV: "development", APP_URL: "http://localhost:3105", ...vars });

describe("tossPaymentsConfig", () => {
  it("uses the documentation's test pair against the built-in sandbox without keys", () => {
    const config = tossPaymentsConfig(dev());
    expect(config).toEqual({
      ...TOSS_PAYMENTS_DOC_TEST_KEYS,
      baseUrl: "http://localhost:3105/sandbox/toss-payments",
      scriptUrl: "http://localhost:3105/sandbox/toss-payments/v2/standard",
      mode: "sandbox",
    });
  });

  it("lets test keys reach Toss itself, with the official SDK, when the base URL says so", () => {
    const config = tossPaymentsConfig(
      dev({
        TOSS_PAYMENTS_SECRET_KEY: test("sk"),
        TOSS_PAYMENTS_CLIENT_KEY: test("ck"),
        TOSS_PAYMENTS_BASE_URL: "https://api.tosspayments.com",
      }),
    );
    expect(config.mode).toBe("sandbox");
    expect(config.baseUrl).toBe("https://api.tosspayments.com");
    expect(config.scriptUrl).toBe("https://js.tosspayments.com/v2/standard");
  });

  it.each(["sk", "gsk"] as const)(
    "is live with a live_%s_ key, on api.tosspayments.com only",
    (kind) => {
      const env = dev({
        TOSS_PAYMENTS_SECRET_KEY: live(kind),
        TOSS_PAYMENTS_CLIENT_KEY: live("ck"),
      });
      expect(tossPaymentsMode(env)).toBe("live");
      expect(tossPaymentsConfig(env)).toMatchObject({
        baseUrl: "https://api.tosspayments.com",
        scriptUrl: "https://js.tosspayments.com/v2/standard",
        mode: "live",
      });
    },
  );

  it.each([
    "http://localhost:3105/sandbox/toss-payments",
    "https://api.tosspayments.com.evil.example",
    "https://api.tosspayments.com:8443",
    "http://api.tosspayments.com",
  ])("never sends a live key to %s", (baseUrl) => {
    const env = dev({
      TOSS_PAYMENTS_SECRET_KEY: live("sk"),
      TOSS_PAYMENTS_CLIENT_KEY: live("ck"),
      TOSS_PAYMENTS_BASE_URL: baseUrl,
    });
    expect(() => tossPaymentsConfig(env)).toThrow(/TOSS_PAYMENTS_BASE_URL/);
  });

  it("reads the docs' payment-widget pair (test_gsk_docs_…) as test keys", () => {
    const config = tossPaymentsConfig(
      dev({
        TOSS_PAYMENTS_SECRET_KEY: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6",
        TOSS_PAYMENTS_CLIENT_KEY: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
      }),
    );
    expect(config.mode).toBe("sandbox");
  });

  it("refuses a mixed pair, a half pair and a key of another kind, naming the variable", () => {
    expect(() =>
      tossPaymentsConfig(
        dev({ TOSS_PAYMENTS_SECRET_KEY: live("sk"), TOSS_PAYMENTS_CLIENT_KEY: test("ck") }),
      ),
    ).toThrow(/TOSS_PAYMENTS_SECRET_KEY is a live key but TOSS_PAYMENTS_CLIENT_KEY is a test key/);
    expect(() => tossPaymentsConfig(dev({ TOSS_PAYMENTS_SECRET_KEY: test("sk") }))).toThrow(
      /TOSS_PAYMENTS_CLIENT_KEY is not set/,
    );
    expect(() =>
      tossPaymentsConfig(
        dev({ TOSS_PAYMENTS_SECRET_KEY: test("ck"), TOSS_PAYMENTS_CLIENT_KEY: test("ck") }),
      ),
    ).toThrow(/TOSS_PAYMENTS_SECRET_KEY is not a Toss Payments secret key/);
    // Toss Pay's key is never borrowed.
    expect(() =>
      tossPaymentsConfig(dev({ TOSS_PAYMENTS_SECRET_KEY: "sk_test_w5lNQylNqa5lNQe013Nq" })),
    ).toThrow(/TOSS_PAYMENTS/);
  });

  it("keeps secret keys out of its messages", () => {
    const secret = live("sk");
    try {
      tossPaymentsConfig(
        dev({
          TOSS_PAYMENTS_SECRET_KEY: secret,
          TOSS_PAYMENTS_CLIENT_KEY: live("ck"),
          TOSS_PAYMENTS_BASE_URL: "https://evil.example",
        }),
      );
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });
});

describe("production rules (lib/env.ts)", () => {
  it("starts without Toss Payments keys (the store does not offer it), but the provider refuses", () => {
    const env = parseEnv(production);
    expect(() => tossPaymentsConfig(env)).toThrow(
      /TOSS_PAYMENTS_SECRET_KEY and TOSS_PAYMENTS_CLIENT_KEY are not set/,
    );
  });

  it("starts with a live pair, even without a Toss Pay key", () => {
    const env = parseEnv({
      ...production,
      TOSS_PAY_API_KEY: undefined,
      TOSS_PAYMENTS_SECRET_KEY: live("sk"),
      TOSS_PAYMENTS_CLIENT_KEY: live("ck"),
    });
    expect(tossPaymentsConfig(env).mode).toBe("live");
  });

  it.each([
    [
      { TOSS_PAYMENTS_SECRET_KEY: live("sk") },
      /TOSS_PAYMENTS_CLIENT_KEY: is required in production/,
    ],
    [
      { TOSS_PAYMENTS_CLIENT_KEY: live("ck") },
      /TOSS_PAYMENTS_SECRET_KEY: is required in production/,
    ],
    [
      { TOSS_PAYMENTS_SECRET_KEY: live("sk"), TOSS_PAYMENTS_CLIENT_KEY: test("ck") },
      /TOSS_PAYMENTS_CLIENT_KEY: is a test key while the other/,
    ],
    [
      {
        TOSS_PAYMENTS_SECRET_KEY: live("sk"),
        TOSS_PAYMENTS_CLIENT_KEY: live("ck"),
        TOSS_PAYMENTS_BASE_URL: "https://shop.example.com/sandbox/toss-payments",
      },
      /TOSS_PAYMENTS_BASE_URL: must be https:\/\/api\.tosspayments\.com/,
    ],
    [
      { TOSS_PAYMENTS_SECRET_KEY: test("sk"), TOSS_PAYMENTS_CLIENT_KEY: test("ck") },
      /TOSS_PAYMENTS_SECRET_KEY: is a test key; production needs live keys/,
    ],
    [
      {
        TOSS_PAYMENTS_SECRET_KEY: live("sk"),
        TOSS_PAYMENTS_CLIENT_KEY: live("ck"),
        ALLOW_SANDBOX_IN_PRODUCTION: "true",
      },
      /ALLOW_SANDBOX_IN_PRODUCTION: must not be true while the Toss Payments keys are live/,
    ],
  ])("refuses to start with %o and names the variable", (vars, message) => {
    expect(() => parseEnv({ ...production, ...vars })).toThrow(message);
  });

  it("lets a declared demo store run Toss Payments test keys against its sandbox", () => {
    const env = parseEnv({
      ...production,
      TOSS_PAY_API_KEY: undefined,
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
      TOSS_PAYMENTS_SECRET_KEY: test("sk"),
      TOSS_PAYMENTS_CLIENT_KEY: test("ck"),
    });
    expect(tossPaymentsConfig(env)).toMatchObject({
      baseUrl: "https://shop.example.com/sandbox/toss-payments",
      mode: "sandbox",
    });
  });
});
