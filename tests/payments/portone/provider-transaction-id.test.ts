// The PortOne provider against the PortOne sandbox (tests/sandbox/portone/support.ts): what it
// records about a charge must not depend on whether the charge's own answer or a later lookup
// (after a timeout) settled it.
import { beforeAll, describe, expect, it } from "vitest";
import { createPortOneProvider } from "@/lib/payments/portone/provider";
import type { PaymentProvider } from "@/lib/payments/types";
import { type Sandbox, newPaymentId, startSandbox, toolsKey } from "../../sandbox/portone/support";

let sandbox: Sandbox;
let provider: PaymentProvider;
let billingKey: string;
let customerId: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  const store = await sandbox.newStore();
  provider = createPortOneProvider({
    ...store,
    apiOrigin: sandbox.base,
    scriptUrl: `${sandbox.base}/browser-sdk.js`,
    mode: "sandbox",
    timeoutMs: 5_000,
  });
  ({ billingKey, customerId } = await toolsKey(sandbox, store));
});

describe("charge and lookUpCharge", () => {
  it("record the same providerTransactionId (the PG's pgTxId) for one charge", async () => {
    const orderId = newPaymentId();
    const charged = await provider.charge({
      billingKey,
      customer: { providerCustomerId: customerId },
      orderId,
      orderName: "프리미엄 구독 1월",
      amount: 9_900,
      amountTaxFree: 0,
    });
    if (charged.outcome !== "succeeded") throw new Error(JSON.stringify(charged));
    const lookedUp = await provider.lookUpCharge({ orderId });
    if (lookedUp.outcome !== "succeeded") throw new Error(JSON.stringify(lookedUp));
    expect(charged.charge.providerTransactionId).toEqual(expect.any(String));
    expect(lookedUp.charge.providerTransactionId).toBe(charged.charge.providerTransactionId);
    expect(lookedUp.charge.transactions[0]).toMatchObject({
      kind: "payment",
      transactionId: charged.charge.providerTransactionId,
    });
  });
});
