// Issue 8 §1: a charge answered in test mode is never treated as paid when a live key is
// configured. The real Toss Pay client and provider, configured as live, talk to the built-in
// sandbox (which answers every bill and status call with mode TEST, like Toss does for a test
// key) and to a scripted server for the refund answers the sandbox does not label.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTossPayProvider } from "@/lib/payments/toss-pay/provider";
import type { ChargeInput, PaymentMode, PaymentProvider } from "@/lib/payments/types";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";

let sandbox: SandboxServer;
let toss: ScriptedServer;
beforeAll(async () => {
  sandbox = await startSandboxServer({ db: db(), port: 0, basePath: "/sandbox/toss-pay" });
  toss = await startScriptedServer();
});
afterAll(async () => {
  await sandbox.close();
  await toss.close();
});

// The sandbox only accepts sk_test_ keys, so "live" here is the provider's configured mode, as
// when a merchant's live key turns out to be answered in test mode (docs/providers.md §1.7).
const apiKey = `sk_test_${randomBytes(8).toString("hex")}`;
const provider = (mode: PaymentMode, baseUrl = sandbox.url): PaymentProvider =>
  createTossPayProvider({ apiKey, baseUrl, mode, timeoutMs: 5_000 });

const orderId = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;

async function activeKey(): Promise<string> {
  const response = await fetch(`${sandbox.url}/_sandbox/keys`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey, userId: orderId("cus") }),
  });
  const body = (await response.json()) as { billingKey: string };
  return body.billingKey;
}

function chargeOf(billingKey: string, id: string): ChargeInput {
  return {
    billingKey,
    customer: { providerCustomerId: "cus_live" },
    orderId: id,
    orderName: "월간 구독",
    amount: 9_900,
    amountTaxFree: 0,
  };
}

describe("a live configuration answered in test mode (the sandbox)", () => {
  it("never takes a TEST bill answer for a paid charge", async () => {
    const billingKey = await activeKey();
    const result = await provider("live").charge(chargeOf(billingKey, orderId("live")));
    expect(result).toMatchObject({ outcome: "config_error", code: "MODE_MISMATCH" });
    expect(result.merchantMessage).toContain("mode=TEST");
  });

  it("never takes a TEST status answer for a paid charge when looking an order up", async () => {
    const billingKey = await activeKey();
    const id = orderId("looked");
    // Charged in the sandbox under a test configuration: a completed TEST payment exists.
    const charged = await provider("sandbox").charge(chargeOf(billingKey, id));
    expect(charged).toMatchObject({ outcome: "succeeded", charge: { testMode: true } });

    const looked = await provider("live").lookUpCharge({ orderId: id });
    expect(looked).toMatchObject({ outcome: "config_error", code: "MODE_MISMATCH" });
  });

  it("under a test configuration the same answers are test-mode successes", async () => {
    const billingKey = await activeKey();
    const id = orderId("test");
    expect(await provider("sandbox").charge(chargeOf(billingKey, id))).toMatchObject({
      outcome: "succeeded",
      charge: { testMode: true },
    });
    expect(await provider("sandbox").lookUpCharge({ orderId: id })).toMatchObject({
      outcome: "succeeded",
      charge: { testMode: true },
    });
  });
});

describe("refund answers under a live configuration (scripted Toss)", () => {
  const REFUNDS = "/api/v2/refunds";
  const refundAnswer = {
    code: 0,
    refundNo: "rf_1",
    payToken: "tok_1",
    transactionId: "tx_refund_1",
    approvalTime: "2026-03-10 10:00:00",
    refundedAmount: -2_000,
    refundableAmount: 7_900,
  };
  const refund = (mode: PaymentMode) =>
    provider(mode, toss.baseUrl).refund({
      orderId: "order_live_1",
      providerPaymentId: "tok_1",
      refundNo: "rf_1",
      amount: 2_000,
      reason: "고객 요청",
    });

  it("never reports a TEST refund answer as money returned", async () => {
    toss.on(REFUNDS, { json: { ...refundAnswer, mode: "TEST" } });
    expect(await refund("live")).toMatchObject({
      outcome: "config_error",
      code: "MODE_MISMATCH",
    });
  });

  it("takes a LIVE answer, and one without a mode (Toss documents none for refunds)", async () => {
    toss.on(REFUNDS, { json: { ...refundAnswer, mode: "LIVE" } });
    expect(await refund("live")).toMatchObject({
      outcome: "succeeded",
      refund: { refundedAmount: 2_000 },
    });
    toss.on(REFUNDS, { json: refundAnswer });
    expect(await refund("live")).toMatchObject({ outcome: "succeeded" });
    toss.on(REFUNDS, { json: { ...refundAnswer, mode: "TEST" } });
    expect(await refund("sandbox")).toMatchObject({ outcome: "succeeded" });
  });
});
