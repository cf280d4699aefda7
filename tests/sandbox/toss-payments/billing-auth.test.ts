// The browser side: the SDK script, the billing-auth window and its redirects, and the
// one-time, expiring authKey that the issue call turns into a billing key.
import { beforeAll, describe, expect, it } from "vitest";
import {
  APP_ORIGIN,
  type Sandbox,
  billingPath,
  chargeBody,
  newCustomerKey,
  newSecretKey,
  startSandbox,
} from "./support";

let clock = Date.now();
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: () => new Date(clock) });
});

const SUCCESS_URL = `${APP_ORIGIN}/api/payments/toss_payments/return?state=s1`;
const FAIL_URL = `${APP_ORIGIN}/api/payments/toss_payments/return?state=s1&failed=1`;

/** What the SDK posts for requestBillingAuth; answers the window's URL. */
async function openWindow(
  method: "CARD" | "TRANSFER",
  customerKey: string,
  overrides: Record<string, string> = {},
): Promise<{ response: Response; token: string }> {
  const response = await sandbox.form("/billing-auth", {
    clientKey: "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq",
    customerKey,
    method,
    successUrl: SUCCESS_URL,
    failUrl: FAIL_URL,
    customerName: "김토스",
    ...overrides,
  });
  const location = response.headers.get("location") ?? "";
  return { response, token: location ? (new URL(location).searchParams.get("token") ?? "") : "" };
}

function query(response: Response): URLSearchParams {
  return new URL(response.headers.get("location") ?? "").searchParams;
}

describe("the SDK script", () => {
  it("defines TossPayments and posts requestBillingAuth to the window", async () => {
    const response = await sandbox.get("/v2/standard");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("javascript");
    const script = await response.text();
    expect(script).toContain("window.TossPayments = TossPayments");
    expect(script).toContain(`${sandbox.base}/billing-auth`);
    expect(script).toContain("requestBillingAuth");
  });
});

describe("card registration", () => {
  it("approves to successUrl with customerKey and a one-time authKey that issues the key", async () => {
    const customerKey = newCustomerKey();
    const { response, token } = await openWindow("CARD", customerKey);
    expect(response.status).toBe(303);
    const page = await sandbox.get(`/billing-auth?token=${token}`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("카드 번호");
    expect(text).toContain("동의하고 등록");
    expect(text).not.toMatch(/<script(?![^>]*nonce)/);

    const approved = await sandbox.form("/billing-auth/approve", {
      token,
      issuerCode: "51",
      cardNumber: "4330-1234-1234-1234",
      cardType: "체크",
      ownerType: "개인",
      outcome: "approve",
    });
    expect(approved.status).toBe(303);
    const location = approved.headers.get("location") ?? "";
    expect(location.startsWith(SUCCESS_URL.split("?")[0]!)).toBe(true);
    const params = query(approved);
    expect(params.get("state")).toBe("s1");
    expect(params.get("customerKey")).toBe(customerKey);
    const authKey = params.get("authKey") ?? "";
    expect(authKey.length).toBeGreaterThan(20);
    expect(authKey.length).toBeLessThanOrEqual(300);

    const secretKey = newSecretKey();
    const issued = await sandbox.api("POST", "/v1/billing/authorizations/issue", {
      secretKey,
      body: { authKey, customerKey },
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({
      mId: "tvivarepublica",
      customerKey,
      method: "카드",
      card: { issuerCode: "51", number: "43301234****123*", cardType: "체크", ownerType: "개인" },
    });
    expect(issued.body?.authenticatedAt).toMatch(/\+09:00$/);

    const again = await sandbox.api("POST", "/v1/billing/authorizations/issue", {
      secretKey,
      body: { authKey, customerKey },
    });
    expect(again).toMatchObject({ status: 400, body: { code: "INVALID_BILLING_AUTH" } });

    const charged = await sandbox.api("POST", billingPath(issued.body?.billingKey as string), {
      secretKey,
      body: chargeBody(customerKey),
    });
    expect(charged.body).toMatchObject({ status: "DONE", card: { cardType: "체크" } });

    // The window is over: approving again shows a page, it does not redirect.
    const replay = await sandbox.form("/billing-auth/approve", { token, issuerCode: "51" });
    expect(replay.status).toBe(409);
  });

  it("refuses an authKey for another customerKey, and an expired one", async () => {
    const customerKey = newCustomerKey();
    const { token } = await openWindow("CARD", customerKey);
    const approved = await sandbox.form("/billing-auth/approve", {
      token,
      issuerCode: "41",
      cardNumber: "4330123412341234",
    });
    const authKey = query(approved).get("authKey") ?? "";
    const secretKey = newSecretKey();
    const mismatch = await sandbox.api("POST", "/v1/billing/authorizations/issue", {
      secretKey,
      body: { authKey, customerKey: newCustomerKey() },
    });
    expect(mismatch).toMatchObject({ status: 400, body: { code: "NOT_MATCHES_CUSTOMER_KEY" } });
    clock += 10 * 60 * 1000;
    const expired = await sandbox.api("POST", "/v1/billing/authorizations/issue", {
      secretKey,
      body: { authKey, customerKey },
    });
    expect(expired).toMatchObject({ status: 400, body: { code: "INVALID_BILLING_AUTH" } });
    const unknown = await sandbox.api("POST", "/v1/billing/authorizations/issue", {
      secretKey,
      body: { authKey: "bln_nothing", customerKey },
    });
    expect(unknown).toMatchObject({ status: 400, body: { code: "INVALID_BILLING_AUTH" } });
  });

  it("redirects to failUrl with PAY_PROCESS_CANCELED (no orderId) or PAY_PROCESS_ABORTED", async () => {
    const canceled = await openWindow("CARD", newCustomerKey());
    const cancel = await sandbox.form("/billing-auth/cancel", { token: canceled.token });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")?.startsWith(`${APP_ORIGIN}/api/`)).toBe(true);
    expect(query(cancel).get("code")).toBe("PAY_PROCESS_CANCELED");
    expect(query(cancel).get("message")).toBeTruthy();
    expect(query(cancel).get("orderId")).toBeNull();
    expect(query(cancel).get("failed")).toBe("1");

    const aborted = await openWindow("CARD", newCustomerKey());
    const abort = await sandbox.form("/billing-auth/approve", {
      token: aborted.token,
      issuerCode: "41",
      cardNumber: "4330000000000127",
    });
    expect(query(abort).get("code")).toBe("PAY_PROCESS_ABORTED");

    const chosen = await openWindow("TRANSFER", newCustomerKey());
    const chosenAbort = await sandbox.form("/billing-auth/approve", {
      token: chosen.token,
      account: "shinhan",
      outcome: "abort",
    });
    expect(query(chosenAbort).get("code")).toBe("PAY_PROCESS_ABORTED");
  });

  it("shows the form again for a bad card number", async () => {
    const { token } = await openWindow("CARD", newCustomerKey());
    const bad = await sandbox.form("/billing-auth/approve", {
      token,
      issuerCode: "41",
      cardNumber: "1234",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("카드 번호를 확인해 주세요");
  });
});

describe("퀵계좌이체 registration", () => {
  it("issues a TRANSFER key without account details until the first charge", async () => {
    const customerKey = newCustomerKey();
    const { token } = await openWindow("TRANSFER", customerKey);
    const page = await sandbox.get(`/billing-auth?token=${token}`);
    expect(await page.text()).toContain("자동결제에 쓸 계좌");
    const approved = await sandbox.form("/billing-auth/approve", { token, account: "kookmin" });
    const secretKey = newSecretKey();
    const issued = await sandbox.api("POST", "/v1/billing/authorizations/issue", {
      secretKey,
      body: { authKey: query(approved).get("authKey"), customerKey },
    });
    expect(issued.body).toMatchObject({ method: "계좌이체", customerKey });
    expect(issued.body?.card).toBeUndefined();
    const charged = await sandbox.api("POST", billingPath(issued.body?.billingKey as string), {
      secretKey,
      body: chargeBody(customerKey),
    });
    expect(charged.body?.transfer).toMatchObject({ bankCode: "06" });
  });
});

describe("refused window requests", () => {
  it("refuses live or malformed client keys and return URLs off the allowed origins", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ clientKey: "live_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq" }, "UNAUTHORIZED_KEY"],
      [{ successUrl: "https://evil.example/steal" }, "INVALID_SUCCESS_URL"],
      [{ failUrl: "javascript:alert(1)" }, "INVALID_FAIL_URL"],
      [{ customerKey: "a" }, "INVALID_CUSTOMER_KEY"],
      [{ method: "PHONE" }, "INVALID_METHOD"],
    ];
    for (const [overrides, code] of cases) {
      const { response } = await openWindow("CARD", newCustomerKey(), overrides);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(code);
    }
    const unknown = await sandbox.get("/billing-auth?token=nothing");
    expect(unknown.status).toBe(404);
  });
});
