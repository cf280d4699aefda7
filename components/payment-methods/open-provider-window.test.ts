import { describe, expect, it } from "vitest";
import type { BrowserCheckout } from "@/lib/db/schema";
import type { JsonValue } from "@/lib/payments/types";
import { openProviderWindow } from "./open-provider-window";

const urls = {
  successUrl: "https://shop.example/api/payments/portone/return?state=s&result=success",
  failureUrl: "https://shop.example/api/payments/portone/return?state=s&result=failure",
};

function run(checkout: BrowserCheckout, global: Record<string, unknown>) {
  const seen = { scripts: [] as string[], navigated: [] as string[] };
  const done = openProviderWindow(checkout, {
    global,
    loadScript: async (url) => void seen.scripts.push(url),
    loadWithOfficialLoader: async (loader, url, args) => {
      seen.scripts.push(`${loader}:${url}`);
      const TossPayments = global.TossPayments as (...a: unknown[]) => unknown;
      return TossPayments(...args);
    },
    navigate: (url) => void seen.navigated.push(url),
  });
  return { seen, done };
}

/** Toss Payments' step: TossPayments(clientKey).payment({ customerKey }), then `more`. */
function tossCheckout(
  options: { loader?: "tosspayments-sdk" },
  more: { path: string; args: JsonValue[] }[] = [],
): BrowserCheckout {
  return {
    kind: "browser",
    ...urls,
    launch: {
      type: "script",
      scriptUrl: "https://js.tosspayments.com/v2/standard",
      ...options,
      calls: [
        { path: "TossPayments", args: ["ck_test"] },
        { path: "payment", args: [{ customerKey: "cus_1" }] },
        ...more,
      ],
    },
  };
}

describe("opening a provider's window from its step", () => {
  it("loads the script and chains the calls, each on the previous result with its own `this`", async () => {
    const received: unknown[] = [];
    const sdk = {
      payment(options: unknown) {
        received.push(options);
        return {
          marker: "payment",
          requestBillingAuth(this: { marker: string }, options: unknown) {
            received.push(this.marker, options);
            // Toss Payments redirects the page away; the promise never resolves with data.
            return Promise.resolve(undefined);
          },
        };
      },
    };
    const { seen, done } = run(
      tossCheckout({}, [{ path: "requestBillingAuth", args: [{ method: "CARD" }] }]),
      { TossPayments: (key: string) => (key === "ck_test" ? sdk : null) },
    );
    await done;
    expect(seen.scripts).toEqual(["https://js.tosspayments.com/v2/standard"]);
    expect(received).toEqual([{ customerKey: "cus_1" }, "payment", { method: "CARD" }]);
    expect(seen.navigated).toEqual([]);
  });

  it("lets the official loader stand for the first call when the step names one", async () => {
    const received: unknown[] = [];
    const { seen, done } = run(tossCheckout({ loader: "tosspayments-sdk" }), {
      TossPayments: (key: string) => ({
        payment: (options: unknown) => void received.push(key, options),
      }),
    });
    await done;
    expect(seen.scripts).toEqual(["tosspayments-sdk:https://js.tosspayments.com/v2/standard"]);
    expect(received).toEqual(["ck_test", { customerKey: "cus_1" }]);
  });

  it("sends an answer given in the page to the success URL, and a rejection to the failure URL", async () => {
    const launch = {
      type: "script" as const,
      scriptUrl: "https://cdn.portone.io/v2/browser-sdk.js",
      calls: [{ path: "PortOne.requestIssueBillingKey", args: [{ storeId: "store" }] }],
    };
    const answered = run(
      { kind: "browser", ...urls, launch },
      {
        PortOne: {
          requestIssueBillingKey: async () => ({ billingKey: "bk_1", secret: "never sent" }),
        },
      },
    );
    await answered.done;
    expect(answered.seen.navigated).toEqual([`${urls.successUrl}&billingKey=bk_1`]);

    const refused = run(
      { kind: "browser", ...urls, launch },
      {
        PortOne: {
          requestIssueBillingKey: async () => {
            throw Object.assign(new Error("closed"), { code: "USER_CANCEL" });
          },
        },
      },
    );
    await refused.done;
    expect(refused.seen.navigated).toEqual([`${urls.failureUrl}&code=USER_CANCEL&message=closed`]);
  });

  it("redirects with the step's parameters, and refuses a path that is not plain identifiers", async () => {
    const redirect = run(
      {
        kind: "browser",
        ...urls,
        launch: { type: "redirect", url: "https://pay.example/auth", params: { id: "a b" } },
      },
      {},
    );
    await redirect.done;
    expect(redirect.seen.navigated).toEqual(["https://pay.example/auth?id=a+b"]);

    const odd = run(
      {
        kind: "browser",
        ...urls,
        launch: {
          type: "script",
          scriptUrl: "https://x.example/s.js",
          calls: [{ path: "a[0]", args: [] }],
        },
      },
      { a: [() => 1] },
    );
    await expect(odd.done).rejects.toThrow("cannot resolve a[0]");
    expect(odd.seen.navigated).toEqual([]);
  });
});
