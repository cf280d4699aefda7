import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTossPayClient, DEFAULT_TIMEOUT_MS } from "@/lib/payments/toss-pay/client";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";

const apiKey = "sk_test_w5lNQylNqa5lNQe013Nq";
const bill = {
  billingKey: "bk_1",
  orderNo: "sub_1_p1_a1",
  productDesc: "월간 구독",
  amount: 9900,
  amountTaxFree: 0,
};

let toss: ScriptedServer;
beforeEach(async () => {
  toss = await startScriptedServer();
});
afterEach(async () => {
  await toss.close();
});

function client(timeoutMs = 2_000) {
  return createTossPayClient({ apiKey, baseUrl: `${toss.baseUrl}/sandbox/toss-pay/`, timeoutMs });
}

describe("Toss Pay client over HTTP", () => {
  it("times out after about 15 s by default", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(15_000);
  });

  it("POSTs JSON with the apiKey in the body to each documented path", async () => {
    for (const path of [
      "/api/v1/billing-key",
      "/api/v1/billing-key/status",
      "/api/v1/billing-key/remove",
      "/api/v1/billing-key/bill",
      "/api/v2/refunds",
      "/api/v2/status",
    ]) {
      toss.on(`/sandbox/toss-pay${path}`, { json: { code: 0 } });
    }
    const c = client();
    await c.createBillingKey({
      userId: "cus_1",
      productDesc: "등록",
      resultCallback: "http://localhost:3105/cb",
      returnSuccessUrl: "http://localhost:3105/ok",
      returnFailureUrl: "http://localhost:3105/fail",
    });
    await c.billingKeyStatus({ userId: "cus_1" });
    await c.removeBillingKey({ billingKey: "bk_1" });
    await c.bill(bill);
    await c.refund({ payToken: "tok", refundNo: "rf_1", idempotent: true });
    await c.paymentStatus({ orderNo: "sub_1_p1_a1" });

    expect(toss.requests.map((r) => r.path)).toEqual([
      "/sandbox/toss-pay/api/v1/billing-key",
      "/sandbox/toss-pay/api/v1/billing-key/status",
      "/sandbox/toss-pay/api/v1/billing-key/remove",
      "/sandbox/toss-pay/api/v1/billing-key/bill",
      "/sandbox/toss-pay/api/v2/refunds",
      "/sandbox/toss-pay/api/v2/status",
    ]);
    for (const request of toss.requests) {
      expect(request.method).toBe("POST");
      expect(request.headers["content-type"]).toMatch(/^application\/json/);
      expect(request.headers.authorization).toBeUndefined();
      expect(request.body).toMatchObject({ apiKey });
    }
    // Amounts go out as JSON numbers; optional fields that were not given are not sent.
    expect(toss.requests[3]?.body).toEqual({ apiKey, ...bill });
  });

  it("returns the parsed body on code 0", async () => {
    toss.on("/sandbox/toss-pay/api/v1/billing-key/bill", {
      json: { code: 0, payToken: "tok", amount: "9900", mode: "TEST", somethingNew: 1 },
    });
    const answer = await client().bill(bill);
    expect(answer).toMatchObject({ kind: "ok", body: { payToken: "tok", amount: 9900 } });
  });

  it("returns Toss's error envelope with its HTTP status", async () => {
    toss.on("/sandbox/toss-pay/api/v1/billing-key/bill", {
      status: 400,
      json: { code: -1, errorCode: "CARD_EXCEED_LIMIT", msg: "한도초과" },
    });
    expect(await client().bill(bill)).toMatchObject({
      kind: "error",
      errorCode: "CARD_EXCEED_LIMIT",
      msg: "한도초과",
      httpStatus: 400,
    });
  });

  it("gives up after its timeout when Toss does not answer", async () => {
    toss.on("/sandbox/toss-pay/api/v1/billing-key/bill", { hang: true });
    const started = Date.now();
    const answer = await client(300).bill(bill);
    const elapsed = Date.now() - started;
    expect(answer).toMatchObject({ kind: "unreachable", reason: "timeout" });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3_000);
    expect(toss.requests).toHaveLength(1);
  });

  it("times out when Toss sends headers and then stalls the body", async () => {
    toss.on("/sandbox/toss-pay/api/v1/billing-key/bill", { hangAfterHeaders: true });
    expect(await client(300).bill(bill)).toMatchObject({ kind: "unreachable", reason: "timeout" });
  });

  it.each([
    [{ status: 502, text: "<html>Bad Gateway</html>" }, "server_error"],
    [{ status: 500, json: { code: -1, errorCode: "COMMON_SYSTEM_ERROR" } }, "server_error"],
    [{ status: 200, text: "<html>maintenance</html>" }, "invalid_response"],
    [{ status: 200, json: { result: "ok" } }, "invalid_response"],
    [{ status: 200, json: { code: 0, amount: 9900 } }, "invalid_response"], // no payToken
  ] as const)("treats %j as unreachable (%s), never as a failure", async (reply, reason) => {
    toss.on("/sandbox/toss-pay/api/v1/billing-key/bill", reply);
    expect(await client().bill(bill)).toMatchObject({ kind: "unreachable", reason });
  });

  it("drops an answer over 256 KB unread, as unreachable (invalid_response)", async () => {
    toss.on("/sandbox/toss-pay/api/v1/billing-key/bill", {
      status: 200,
      text: `{"code":0,"msg":"${"x".repeat(300_000)}"}`,
    });
    expect(await client().bill(bill)).toMatchObject({
      kind: "unreachable",
      reason: "invalid_response",
      detail: "HTTP 200 with a body over 262144 bytes",
    });
  });

  it("treats a dropped connection and a refused connection as network errors", async () => {
    toss.on("/sandbox/toss-pay/api/v1/billing-key/bill", { destroy: true });
    expect(await client().bill(bill)).toMatchObject({ kind: "unreachable", reason: "network" });

    const baseUrl = toss.baseUrl;
    await toss.close();
    const closed = createTossPayClient({ apiKey, baseUrl, timeoutMs: 2_000 });
    expect(await closed.bill(bill)).toMatchObject({ kind: "unreachable", reason: "network" });
    toss = await startScriptedServer(); // for afterEach
  });

  it("sends nothing when the request breaks a documented rule", async () => {
    const answer = await client().bill({ ...bill, orderNo: "주문 1" });
    expect(answer).toEqual({
      kind: "invalid_request",
      issues: "orderNo may contain only letters, digits and _ - : . ^ @ =",
    });
    expect(toss.requests).toHaveLength(0);
  });

  it("refuses callback ports real Toss cannot call, but not for the sandbox", async () => {
    const request = {
      userId: "cus_1",
      productDesc: "등록",
      resultCallback: "http://shop.example:3000/cb",
      returnSuccessUrl: "https://shop.example/ok",
      returnFailureUrl: "https://shop.example/fail",
    };
    const real = createTossPayClient({ apiKey, baseUrl: "https://pay.toss.im" });
    expect(await real.createBillingKey(request)).toEqual({
      kind: "invalid_request",
      issues: "resultCallback must use port 80 or 443 (Toss calls no other port); got port 3000",
    });

    toss.on("/sandbox/toss-pay/api/v1/billing-key", {
      json: { code: 0, billingKey: "bk", checkoutUri: "http://x" },
    });
    expect(await client().createBillingKey(request)).toMatchObject({ kind: "ok" });
  });
});
