// What the billing tests and the bench need from a provider's sandbox, for each provider that
// has one: start it on node:http, create ACTIVE keys as if the customer had registered, switch
// faults on and off, and read its own ledger in one shape. The billing engine is the same for
// every provider (docs/architecture.md "The provider seam"), so the chaos test, the crash test
// and the bench run unchanged against any; BILLING_PROVIDER=toss_payments picks Toss Payments,
// BILLING_PROVIDER=portone PortOne (default toss_pay).
import { db } from "@/lib/db/client";
import { PORTONE_SANDBOX_STORE } from "@/lib/payments/portone/config";
import { createPortOneProvider } from "@/lib/payments/portone/provider";
import { TOSS_PAY_PUBLIC_TEST_KEY } from "@/lib/payments/toss-pay/config";
import { createTossPayProvider } from "@/lib/payments/toss-pay/provider";
import { TOSS_PAYMENTS_DOC_TEST_KEYS } from "@/lib/payments/toss-payments/config";
import {
  createTossPaymentsProvider,
  tossPaymentsCustomerKey,
} from "@/lib/payments/toss-payments/provider";
import type { PaymentProvider } from "@/lib/payments/types";
import { startPortOneSandboxServer } from "@/lib/sandbox/portone/node-server";
import { provisionPortOneStore } from "@/lib/sandbox/portone/stores";
import { startSandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { startTossPaymentsSandboxServer } from "@/lib/sandbox/toss-payments/node-server";
import type { SandboxServer } from "@/lib/sandbox/shared/node-server";

export type Faults = {
  latencyMs?: number | null;
  errorRate?: number | null;
  timeoutRate?: number | null;
  lostResponseRate?: number | null;
  seed?: number | null;
};

/** One charge as the sandbox recorded it (approved or declined), in one shape for both. */
export type LedgerCharge = {
  orderNo: string;
  // Set when money moved; null for a declined charge.
  transactionId: string | null;
  // The provider's customer id (Toss Pay userId, Toss Payments customerKey, PortOne customerId).
  userId: string;
  amount: number;
  payStatus: string;
  instrument: string;
  // KRW refunded so far, and each refund the sandbox made.
  refundedAmount: number;
  refunds: { refundNo: string; amount: number }[] | null;
};

/** Test instruments by what their charges do; each driver names its own. */
export type InstrumentRole = "ok" | "insufficient" | "limit";

export type SandboxDriver = {
  provider: "toss_pay" | "toss_payments" | "portone";
  // The variable the registry's client reads its base URL from.
  baseUrlVariable: "TOSS_PAY_BASE_URL" | "TOSS_PAYMENTS_BASE_URL" | "PORTONE_BASE_URL";
  // `npm run sandbox` arguments that start this provider's sandbox standalone.
  standaloneArgs: string[];
  instruments: Record<InstrumentRole, string>;
  start: (port: number) => Promise<SandboxServer>;
  /** The id this provider knows our customer by (PaymentProvider.customerIdFor). */
  customerIdFor: (providerCustomerId: string) => string;
  createProvider: (url: string, timeoutMs: number) => PaymentProvider;
  /** An ACTIVE key for `providerCustomerId`, as if the customer had just registered it. */
  createKey: (url: string, providerCustomerId: string, instrument?: string) => Promise<string>;
  methodKind: (instrument: string | undefined) => "card" | "account" | "toss_money";
  setFaults: (url: string, faults: Faults) => Promise<void>;
  ledger: (url: string, providerCustomerId?: string) => Promise<LedgerCharge[]>;
  /** The customer switches the card behind a key in the provider's app (not Toss Payments). */
  changeInstrument?: (url: string, billingKey: string, instrument: string) => Promise<void>;
};

async function call(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json" },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const putSettings = (url: string, faults: Faults) =>
  call(`${url}/_sandbox/settings`, { method: "PUT", body: JSON.stringify(faults) }).then(
    () => undefined,
  );

const tossPay: SandboxDriver = {
  provider: "toss_pay",
  baseUrlVariable: "TOSS_PAY_BASE_URL",
  standaloneArgs: [],
  instruments: { ok: "card:4:normal", insufficient: "card:4:insufficient", limit: "card:3:limit" },
  start: (port) => startSandboxServer({ db: db(), port, basePath: "" }),
  customerIdFor: (id) => id,
  createProvider: (url, timeoutMs) =>
    createTossPayProvider({
      apiKey: TOSS_PAY_PUBLIC_TEST_KEY,
      baseUrl: url,
      mode: "sandbox",
      timeoutMs,
    }),
  createKey: async (url, userId, instrument = "card:4:normal") => {
    const response = await fetch(`${url}/_sandbox/keys`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ apiKey: TOSS_PAY_PUBLIC_TEST_KEY, userId, instrument }),
    });
    const body = (await response.json()) as { code: number; billingKey?: string };
    if (body.code !== 0 || !body.billingKey) {
      throw new Error(`sandbox key: ${JSON.stringify(body)}`);
    }
    return body.billingKey;
  },
  methodKind: () => "card",
  setFaults: putSettings,
  ledger: async (url, userId) => {
    const only = userId ? `&userId=${encodeURIComponent(userId)}` : "";
    // The ledger answers at most 50,000 charges a page (newest first): read every page, or a
    // bench of 100,000 would check only half its charges for duplicates.
    const page = 50_000;
    const charges: LedgerCharge[] = [];
    for (let offset = 0; ; offset += page) {
      const body = await call(
        `${url}/_sandbox/ledger?format=json&limit=${page}&offset=${offset}&duplicateWindowHours=0${only}`,
      );
      const rows = body.charges as LedgerCharge[];
      charges.push(...rows);
      if (rows.length < page) return charges;
    }
  },
  changeInstrument: async (url, billingKey, instrument) => {
    await call(`${url}/_sandbox/keys/change-method`, {
      method: "POST",
      body: JSON.stringify({ billingKey, instrument }),
    });
  },
};

// The Toss Payments sandbox's ledger (lib/sandbox/toss-payments/dev-tools.ts).
type TossPaymentsLedger = {
  payments: {
    paymentKey: string;
    orderId: string;
    customerKey: string;
    status: string;
    totalAmount: number;
    balanceAmount: number;
  }[];
  cancels: { transactionKey: string; paymentKey: string; cancelAmount: number }[];
};

// Statuses in which the charge was approved (money moved, possibly refunded since).
const TOSS_PAYMENTS_APPROVED = new Set(["DONE", "PARTIAL_CANCELED", "CANCELED"]);

const tossPayments: SandboxDriver = {
  provider: "toss_payments",
  baseUrlVariable: "TOSS_PAYMENTS_BASE_URL",
  standaloneArgs: ["--provider", "toss-payments"],
  // lib/sandbox/toss-payments/README.md "Test instruments".
  instruments: {
    ok: "card:41:4330123412341234",
    insufficient: "card:41:4330000000009995",
    limit: "card:11:4330000000000002",
  },
  start: (port) => startTossPaymentsSandboxServer({ db: db(), port, basePath: "" }),
  customerIdFor: tossPaymentsCustomerKey,
  createProvider: (url, timeoutMs) =>
    createTossPaymentsProvider({
      ...TOSS_PAYMENTS_DOC_TEST_KEYS,
      baseUrl: url,
      scriptUrl: `${url}/v2/standard`,
      mode: "sandbox",
      timeoutMs,
    }),
  createKey: async (url, customerKey, instrument) => {
    const body = await call(`${url}/_sandbox/billing-keys`, {
      method: "POST",
      body: JSON.stringify({
        secretKey: TOSS_PAYMENTS_DOC_TEST_KEYS.secretKey,
        customerKey,
        // A Toss Pay instrument name from a provider-neutral test means "a card that works".
        ...(instrument && /^(card:\d+:\d{15,16}|account:)/.test(instrument) ? { instrument } : {}),
      }),
    });
    if (typeof body.billingKey !== "string")
      throw new Error(`sandbox key: ${JSON.stringify(body)}`);
    return body.billingKey;
  },
  methodKind: (instrument) => (instrument?.startsWith("account:") ? "account" : "card"),
  setFaults: putSettings,
  ledger: async (url, customerKey) => {
    const body = (await call(
      `${url}/_sandbox/ledger?secretKey=${encodeURIComponent(TOSS_PAYMENTS_DOC_TEST_KEYS.secretKey)}`,
    )) as unknown as TossPaymentsLedger;
    const cancelsOf = new Map<string, { refundNo: string; amount: number }[]>();
    for (const c of body.cancels) {
      const list = cancelsOf.get(c.paymentKey) ?? [];
      list.push({ refundNo: c.transactionKey, amount: c.cancelAmount });
      cancelsOf.set(c.paymentKey, list);
    }
    return body.payments
      .filter((p) => !customerKey || p.customerKey === customerKey)
      .map((p) => {
        const approved = TOSS_PAYMENTS_APPROVED.has(p.status);
        return {
          orderNo: p.orderId,
          transactionId: approved ? p.paymentKey : null,
          userId: p.customerKey,
          amount: p.totalAmount,
          payStatus: p.status,
          instrument: "",
          refundedAmount: approved ? p.totalAmount - p.balanceAmount : 0,
          refunds: cancelsOf.get(p.paymentKey) ?? null,
        };
      });
  },
};

// The PortOne sandbox's ledger (lib/sandbox/portone/dev-tools.ts): PAID attempts, declined
// attempts and cancellations, each by paymentId (our order id).
type PortOneLedger = {
  charges: { paymentId: string; transactionId: string; customerId: string; amount: number }[];
  declines: {
    paymentId: string;
    transactionId: string;
    customerId: string;
    amount: number;
    pgCode: string | null;
  }[];
  cancellations: { paymentId: string; cancellationId: string; amount: number }[];
};

// The store the driver talks to: the public sandbox store, provisioned by start() (the
// standalone server provisions it itself when started without store flags).
const PORTONE_STORE = PORTONE_SANDBOX_STORE;

const portOne: SandboxDriver = {
  provider: "portone",
  // An origin: the official SDK builds absolute paths on it (lib/payments/portone/config.ts).
  baseUrlVariable: "PORTONE_BASE_URL",
  standaloneArgs: ["--provider", "portone"],
  // lib/sandbox/portone/README.md "Test instruments".
  instruments: {
    ok: "card:shinhan",
    insufficient: "card:samsung-balance",
    limit: "card:hyundai-limit",
  },
  start: async (port) => {
    await provisionPortOneStore(db(), PORTONE_STORE);
    return startPortOneSandboxServer({ db: db(), port, basePath: "" });
  },
  customerIdFor: (id) => id,
  createProvider: (url, timeoutMs) =>
    createPortOneProvider({
      ...PORTONE_STORE,
      apiOrigin: url,
      scriptUrl: `${url}/browser-sdk.js`,
      mode: "sandbox",
      timeoutMs,
    }),
  createKey: async (url, customerId, instrument) => {
    const body = await call(`${url}/_sandbox/billing-keys`, {
      method: "POST",
      body: JSON.stringify({
        storeId: PORTONE_STORE.storeId,
        customerId,
        // Another provider's instrument name from a provider-neutral test means "a card that
        // works" (the sandbox's default, card:shinhan).
        ...(instrument && /^(card|account|money):[a-z][a-z-]*$/.test(instrument)
          ? { instrument }
          : {}),
      }),
    });
    if (typeof body.billingKey !== "string")
      throw new Error(`sandbox key: ${JSON.stringify(body)}`);
    return body.billingKey;
  },
  methodKind: (instrument) =>
    instrument?.startsWith("account:")
      ? "account"
      : instrument?.startsWith("money:")
        ? "toss_money"
        : "card",
  setFaults: putSettings,
  ledger: async (url, customerId) => {
    const only = customerId ? `&customerId=${encodeURIComponent(customerId)}` : "";
    const body = (await call(
      `${url}/_sandbox/ledger?storeId=${encodeURIComponent(PORTONE_STORE.storeId)}${only}`,
    )) as unknown as PortOneLedger;
    const refundsOf = new Map<string, { refundNo: string; amount: number }[]>();
    for (const c of body.cancellations) {
      const list = refundsOf.get(c.paymentId) ?? [];
      list.push({ refundNo: c.cancellationId, amount: c.amount });
      refundsOf.set(c.paymentId, list);
    }
    const approved = body.charges.map((c) => {
      const refunds = refundsOf.get(c.paymentId) ?? null;
      return {
        orderNo: c.paymentId,
        transactionId: c.transactionId,
        userId: c.customerId,
        amount: c.amount,
        payStatus: "PAID",
        instrument: "",
        refundedAmount: (refunds ?? []).reduce((sum, r) => sum + r.amount, 0),
        refunds,
      };
    });
    const declined = body.declines.map((d) => ({
      orderNo: d.paymentId,
      transactionId: null,
      userId: d.customerId,
      amount: d.amount,
      payStatus: "FAILED",
      instrument: "",
      refundedAmount: 0,
      refunds: null,
    }));
    return [...approved, ...declined];
  },
  changeInstrument: async (url, billingKey, instrument) => {
    await call(`${url}/_sandbox/billing-keys/change-method`, {
      method: "POST",
      body: JSON.stringify({ billingKey, instrument }),
    });
  },
};

const DRIVERS = { toss_pay: tossPay, toss_payments: tossPayments, portone: portOne } as const;

/** The driver BILLING_PROVIDER names (toss_pay by default). */
export function sandboxDriver(name = process.env.BILLING_PROVIDER ?? "toss_pay"): SandboxDriver {
  const driver = DRIVERS[name as keyof typeof DRIVERS];
  if (!driver) {
    throw new Error(`BILLING_PROVIDER=${name}: expected one of ${Object.keys(DRIVERS).join(", ")}`);
  }
  return driver;
}
