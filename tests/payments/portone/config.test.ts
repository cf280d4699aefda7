import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { providerSetup } from "@/lib/payments/registry";
import {
  PORTONE_OFFICIAL_SDK_URL,
  PORTONE_SANDBOX_STORE,
  portOneConfig,
} from "@/lib/payments/portone/config";

// PortOne's configuration: the built-in sandbox without variables, the merchant's store at
// api.portone.io with all four, and production's refusals with the variable named.

const store = {
  PORTONE_API_SECRET: "s".repeat(40),
  PORTONE_STORE_ID: "store-11111111-2222-4333-8444-555555555555",
  PORTONE_CHANNEL_KEY: "channel-key-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
  PORTONE_WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 3).toString("base64")}`,
};

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://app:secret@db.example.com:5432/storefront",
  AUTH_SECRET: "a".repeat(32),
  BILLING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  CRON_SECRET: "c".repeat(32),
  APP_URL: "https://shop.example.com",
};

const dev = (vars: Record<string, string | undefined> = {}) =>
  parseEnv({ NODE_ENV: "development", APP_URL: "http://localhost:3105", ...vars });

describe("portOneConfig", () => {
  it("uses the sandbox's public store at the app's origin without variables", () => {
    expect(portOneConfig(dev())).toEqual({
      ...PORTONE_SANDBOX_STORE,
      // The official SDK takes an origin; next.config.ts rewrites signed calls to the sandbox.
      apiOrigin: "http://localhost:3105",
      scriptUrl: "http://localhost:3105/sandbox/portone/browser-sdk.js",
      mode: "sandbox",
    });
  });

  it("reaches a standalone sandbox at its root", () => {
    const config = portOneConfig(dev({ PORTONE_BASE_URL: "http://127.0.0.1:4012" }));
    expect(config).toMatchObject({
      apiOrigin: "http://127.0.0.1:4012",
      scriptUrl: "http://127.0.0.1:4012/browser-sdk.js",
      mode: "sandbox",
    });
  });

  it("uses the merchant's store at api.portone.io, with the official browser SDK", () => {
    expect(portOneConfig(dev(store))).toEqual({
      apiSecret: store.PORTONE_API_SECRET,
      storeId: store.PORTONE_STORE_ID,
      channelKey: store.PORTONE_CHANNEL_KEY,
      webhookSecret: store.PORTONE_WEBHOOK_SECRET,
      apiOrigin: "https://api.portone.io",
      scriptUrl: PORTONE_OFFICIAL_SDK_URL,
      mode: "live",
    });
  });

  it("refuses half a store, naming what is missing, and never puts a secret in the message", () => {
    const half = dev({ PORTONE_API_SECRET: store.PORTONE_API_SECRET });
    expect(() => portOneConfig(half)).toThrow(
      /PORTONE_STORE_ID, PORTONE_CHANNEL_KEY, PORTONE_WEBHOOK_SECRET are not set/,
    );
    const setup = providerSetup("portone", half);
    expect(setup).toMatchObject({ implemented: true, baseUrl: null });
    expect(setup.problem).not.toContain(store.PORTONE_API_SECRET);
    expect(() => portOneConfig(dev({ ...store, PORTONE_STORE_ID: "my-store" }))).toThrow(
      /PORTONE_STORE_ID is not a PortOne store id/,
    );
  });
});

describe("production rules (lib/env.ts)", () => {
  it("needs no PortOne variables: the store then does not offer it", () => {
    const env = parseEnv({
      ...production,
      TOSS_PAY_API_KEY: ["sk", "live", "x".repeat(20)].join("_"),
    });
    expect(() => portOneConfig(env)).toThrow(/are not set: PortOne needs/);
  });

  it("takes a live PortOne store alone, without a Toss Pay key", () => {
    const env = parseEnv({ ...production, ...store });
    expect(portOneConfig(env).mode).toBe("live");
  });

  it.each([
    [
      { PORTONE_API_SECRET: store.PORTONE_API_SECRET },
      /PORTONE_STORE_ID: is required in production/,
    ],
    [
      { ...store, PORTONE_BASE_URL: "http://127.0.0.1:4012" },
      /PORTONE_BASE_URL: must be https:\/\/api.portone.io \(or unset\) in production/,
    ],
    [
      { ...store, ALLOW_SANDBOX_IN_PRODUCTION: "true" },
      /ALLOW_SANDBOX_IN_PRODUCTION: must not be true while PortOne is configured/,
    ],
  ])("stops the server with the variable named: %o", (vars, message) => {
    expect(() =>
      parseEnv({
        ...production,
        TOSS_PAY_API_KEY: ["sk", "live", "x".repeat(20)].join("_"),
        ...vars,
      }),
    ).toThrow(message);
  });

  it("lets a demo store run PortOne on a standalone sandbox", () => {
    const env = parseEnv({
      ...production,
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
      PORTONE_BASE_URL: "http://127.0.0.1:4012",
    });
    expect(portOneConfig(env)).toMatchObject({
      mode: "sandbox",
      apiOrigin: "http://127.0.0.1:4012",
    });
  });
});
