import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isTestCharge, paymentMode } from "@/lib/payments/mode";
import { getPaymentProvider, providerSetup } from "@/lib/payments/registry";
import {
  responseModeProblem,
  TOSS_PAY_PUBLIC_TEST_KEY,
  tossPayConfig,
} from "@/lib/payments/toss-pay/config";

// Made up: only its sk_live_ prefix matters here.
const LIVE_KEY = `sk_live_${"0123456789".repeat(2)}`;

function env(vars: Record<string, string>) {
  return parseEnv({ NODE_ENV: "development", PORT: "3105", ...vars });
}

function configError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a config error");
}

describe("payment mode", () => {
  it("is sandbox without a key, with a test key, or with anything but sk_live_", () => {
    expect(paymentMode(env({}))).toBe("sandbox");
    expect(paymentMode(env({ TOSS_PAY_API_KEY: "sk_test_abc" }))).toBe("sandbox");
    expect(paymentMode(env({ TOSS_PAY_API_KEY: ["live", "sk", "abc"].join("_") }))).toBe("sandbox");
    expect(paymentMode(env({ TOSS_PAY_API_KEY: LIVE_KEY }))).toBe("live");
  });
});

describe("Toss Pay config", () => {
  it("uses the built-in sandbox and the public test key by default", () => {
    expect(tossPayConfig(env({}))).toEqual({
      apiKey: TOSS_PAY_PUBLIC_TEST_KEY,
      baseUrl: "http://localhost:3105/sandbox/toss-pay",
      mode: "sandbox",
    });
    expect(tossPayConfig(env({ APP_URL: "https://shop.example/" })).baseUrl).toBe(
      "https://shop.example/sandbox/toss-pay",
    );
  });

  it("lets a test key talk to real Toss or to a standalone sandbox", () => {
    const real = tossPayConfig(
      env({ TOSS_PAY_API_KEY: "sk_test_mine", TOSS_PAY_BASE_URL: "https://pay.toss.im" }),
    );
    expect(real).toEqual({
      apiKey: "sk_test_mine",
      baseUrl: "https://pay.toss.im",
      mode: "sandbox",
    });
    const standalone = tossPayConfig(
      env({ TOSS_PAY_BASE_URL: "http://127.0.0.1:4010/sandbox/toss-pay/" }),
    );
    expect(standalone.baseUrl).toBe("http://127.0.0.1:4010/sandbox/toss-pay");
  });

  it("sends a live key only to pay.toss.im by default", () => {
    const production = env({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db.example/shop",
      AUTH_SECRET: "a".repeat(32),
      BILLING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      CRON_SECRET: "c".repeat(32),
      APP_URL: "https://shop.example.com",
      TOSS_PAY_API_KEY: LIVE_KEY,
    });
    expect(tossPayConfig(production)).toEqual({
      apiKey: LIVE_KEY,
      baseUrl: "https://pay.toss.im",
      mode: "live",
    });
    expect(
      tossPayConfig(
        env({ TOSS_PAY_API_KEY: LIVE_KEY, TOSS_PAY_BASE_URL: "https://alpha-pay.toss.im" }),
      ).baseUrl,
    ).toBe("https://alpha-pay.toss.im");
  });

  it.each([
    "http://localhost:3000/sandbox/toss-pay",
    "https://shop.example/sandbox/toss-pay",
    "http://pay.toss.im",
    "https://pay.toss.im.attacker.example",
    "https://pay.toss.im:8443",
  ])("refuses a live key with TOSS_PAY_BASE_URL=%s, naming the variable", (baseUrl) => {
    const error = configError(() =>
      tossPayConfig(env({ TOSS_PAY_API_KEY: LIVE_KEY, TOSS_PAY_BASE_URL: baseUrl })),
    );
    expect(error.code).toBe("config_error");
    expect(error.message).toContain("TOSS_PAY_BASE_URL");
    expect(error.message).toContain("live key");
    expect(error.message).not.toContain(LIVE_KEY);
  });

  it("refuses an API key longer than Toss allows without printing it", () => {
    const key = `sk_test_${"x".repeat(30)}`;
    const error = configError(() => tossPayConfig(env({ TOSS_PAY_API_KEY: key })));
    expect(error.message).toContain("TOSS_PAY_API_KEY");
    expect(error.message).not.toContain(key);
  });
});

describe("response mode check", () => {
  it("flags a TEST answer in live mode only", () => {
    expect(responseModeProblem("live", "TEST")).toMatch(/mode=TEST.*live key/);
    expect(responseModeProblem("live", "LIVE")).toBeNull();
    expect(responseModeProblem("sandbox", "TEST")).toBeNull();
    // A missing mode is not proof that no money moved.
    expect(responseModeProblem("live", undefined)).toBeNull();
  });
});

describe("test charges (issue 8: never revenue)", () => {
  it("is a test charge through a test method, or under a sandbox configuration", () => {
    const method = { testMode: false, provider: "toss_pay" as const };
    expect(isTestCharge(method, "live")).toBe(false);
    expect(isTestCharge({ ...method, testMode: true }, "live")).toBe(true);
    expect(isTestCharge(method, "sandbox")).toBe(true);
    expect(isTestCharge(method, paymentMode(env({ TOSS_PAY_API_KEY: LIVE_KEY })))).toBe(false);
    // Without a mode, the method's own provider says (the test environment runs the sandbox).
    expect(isTestCharge(method)).toBe(true);
  });
});

describe("provider registry", () => {
  it("maps every provider name to its provider and setup", () => {
    expect(getPaymentProvider("toss_pay").name).toBe("toss_pay");
    expect(getPaymentProvider("toss_payments").name).toBe("toss_payments");
    expect(providerSetup("toss_payments", env({}))).toEqual({
      implemented: true,
      mode: "sandbox",
      problem: null,
      baseUrl: expect.stringMatching(/\/sandbox\/toss-payments$/),
    });
    expect(getPaymentProvider("portone").name).toBe("portone");
    // The official SDK takes an origin: the in-app sandbox is reached at the app's own.
    expect(providerSetup("portone", env({}))).toEqual({
      implemented: true,
      mode: "sandbox",
      problem: null,
      baseUrl: new URL(env({}).APP_URL).origin,
    });
  });

  it("reports Toss Pay's setup without throwing: sandbox without a key, the problem when misconfigured", () => {
    expect(providerSetup("toss_pay", env({}))).toEqual({
      implemented: true,
      mode: "sandbox",
      problem: null,
      baseUrl: expect.stringMatching(/\/sandbox\/toss-pay$/),
    });
    const broken = providerSetup(
      "toss_pay",
      env({ TOSS_PAY_API_KEY: `sk_test_${"x".repeat(40)}` }),
    );
    expect(broken.problem).toMatch(/at most 30/);
    expect(broken.baseUrl).toBeNull();
    expect(broken.problem).not.toContain("xxxx");
  });
});
