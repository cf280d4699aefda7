import type { Card, Customer, SelectedChannel } from "@portone/server-sdk/common";
import type {
  Payment,
  PaymentCancellation,
  PaymentMethod,
  PaymentTransaction,
} from "@portone/server-sdk/payment";
import type {
  BillingKeyInfo,
  BillingKeyPaymentMethod,
} from "@portone/server-sdk/payment/billingKey";
import { type CardInstrument, type Instrument, findInstrument } from "./instruments";
import type {
  BillingKeyRow,
  CancellationRow,
  PaymentRow,
  StoreRow,
  TransactionRow,
} from "./schema";

// The API's objects, typed with @portone/server-sdk's own types so a shape the official client
// would not read cannot compile. Dates are RFC 3339 in UTC, as PortOne answers them.

const iso = (date: Date) => date.toISOString();

/** The Toss Pay channel in TEST mode (docs/providers.md §3.1, §3.3 PG code TOSSPAY_V2). */
export function channelOf(store: StoreRow, channelKey: string): SelectedChannel {
  return {
    type: "TEST",
    id: `channel-${store.storeId.slice("store-".length)}`,
    key: channelKey,
    name: "토스페이 (테스트)",
    pgProvider: "TOSSPAY_V2",
    pgMerchantId: "sandbox-tosspay",
  };
}

/**
 * A Toss Pay card as both the billing-key and the payment objects describe it: a domestic
 * personal card whose company publishes and issues it, with the masked number.
 */
function cardOf(instrument: CardInstrument): Card {
  return {
    publisher: instrument.company,
    issuer: instrument.company,
    brand: "LOCAL",
    type: instrument.cardType,
    ownerType: "PERSONAL",
    bin: instrument.number.slice(0, 6),
    name: instrument.company,
    number: instrument.number,
  };
}

function billingKeyMethod(instrument: Instrument | null): BillingKeyPaymentMethod[] {
  if (!instrument) return [];
  const method =
    instrument.kind === "card"
      ? ({
          type: "BillingKeyPaymentMethodCard",
          card: cardOf(instrument),
        } as const)
      : instrument.kind === "account"
        ? ({
            type: "BillingKeyPaymentMethodTransfer",
            bank: instrument.bank,
            accountNumber: instrument.accountNumber,
          } as const)
        : ({ type: "BillingKeyPaymentMethodEasyPayCharge" } as const);
  return [{ type: "BillingKeyPaymentMethodEasyPay", provider: "TOSSPAY", method }];
}

function paymentMethod(instrument: Instrument | null): PaymentMethod | undefined {
  if (!instrument) return undefined;
  const easyPayMethod =
    instrument.kind === "card"
      ? ({
          type: "PaymentMethodCard",
          card: cardOf(instrument),
          installment: { month: 0, isInterestFree: false },
          pointUsed: false,
        } as const)
      : instrument.kind === "account"
        ? ({
            type: "PaymentMethodTransfer",
            bank: instrument.bank,
            accountNumber: instrument.accountNumber,
          } as const)
        : ({ type: "PaymentMethodEasyPayMethodCharge" } as const);
  return { type: "PaymentMethodEasyPay", provider: "TOSSPAY", easyPayMethod };
}

/** GET /billing-keys/{billingKey}: IssuedBillingKeyInfo or DeletedBillingKeyInfo. */
export function billingKeyInfo(store: StoreRow, key: BillingKeyRow): BillingKeyInfo {
  const common = {
    billingKey: key.billingKey,
    merchantId: store.merchantId,
    storeId: store.storeId,
    methods: billingKeyMethod(findInstrument(key.instrumentId)),
    channels: [channelOf(store, key.channelKey)],
    customer: key.customer as Customer,
    ...(key.customData !== null ? { customData: key.customData } : {}),
    ...(key.issueId !== null ? { issueId: key.issueId } : {}),
    ...(key.issueName !== null ? { issueName: key.issueName } : {}),
    requestedAt: iso(key.requestedAt),
    issuedAt: iso(key.issuedAt),
  };
  return key.deletedAt
    ? { status: "DELETED", ...common, deletedAt: iso(key.deletedAt) }
    : { status: "ISSUED", ...common };
}

export function receiptUrl(baseUrl: string, paymentId: string, storeId: string): string {
  const query = new URLSearchParams({ paymentId, storeId });
  return `${baseUrl}/receipts?${query.toString()}`;
}

export function cancellationView(
  baseUrl: string,
  row: CancellationRow,
): PaymentCancellation & { status: "SUCCEEDED" } {
  return {
    status: "SUCCEEDED",
    id: row.id,
    pgCancellationId: row.pgCancellationId,
    totalAmount: row.totalAmount,
    taxFreeAmount: row.taxFreeAmount,
    vatAmount: row.vatAmount,
    easyPayDiscountAmount: 0,
    reason: row.reason,
    cancelledAt: iso(row.cancelledAt),
    requestedAt: iso(row.requestedAt),
    receiptUrl: receiptUrl(baseUrl, row.paymentId, row.storeId),
    trigger: "API",
  };
}

function amountOf(p: PaymentRow) {
  const paid = p.status === "FAILED" ? 0 : p.totalAmount;
  return {
    total: p.totalAmount,
    taxFree: p.taxFreeAmount,
    vat: p.vatAmount,
    // The sandbox's reading: supply = the taxable part without VAT (total − taxFree − vat).
    supply: p.totalAmount - p.taxFreeAmount - p.vatAmount,
    discount: 0,
    paid,
    cancelled: p.cancelledAmount,
    cancelledTaxFree: p.cancelledTaxFreeAmount,
  };
}

/** GET /payments/{paymentId}: the Payment union by status. */
export function paymentView(
  baseUrl: string,
  store: StoreRow,
  p: PaymentRow,
  cancellations: readonly CancellationRow[],
): Payment {
  const common = {
    id: p.paymentId,
    transactionId: p.transactionId,
    merchantId: store.merchantId,
    storeId: store.storeId,
    method: paymentMethod(findInstrument(p.instrumentId)),
    channel: channelOf(store, p.channelKey),
    version: "V2",
    billingKey: p.billingKey,
    requestedAt: iso(p.requestedAt),
    updatedAt: iso(p.updatedAt),
    statusChangedAt: iso(p.statusChangedAt),
    orderName: p.orderName,
    amount: amountOf(p),
    currency: "KRW",
    customer: p.customer as Customer,
    ...(p.customData !== null ? { customData: p.customData } : {}),
  } as const;
  if (p.status === "FAILED") {
    return {
      ...common,
      status: "FAILED",
      failedAt: iso(p.failedAt ?? p.updatedAt),
      failure: {
        reason: p.failureReason ?? undefined,
        pgCode: p.pgCode ?? undefined,
        pgMessage: p.pgMessage ?? undefined,
      },
    };
  }
  const paid = {
    ...common,
    paidAt: iso(p.paidAt ?? p.requestedAt),
    pgTxId: p.pgTxId ?? undefined,
    receiptUrl: receiptUrl(baseUrl, p.paymentId, store.storeId),
    disputes: [],
    cancellations: cancellations.map((c) => cancellationView(baseUrl, c)),
  };
  if (p.status === "PAID") return { ...paid, status: "PAID" };
  const cancelledAt = iso(p.cancelledAt ?? p.updatedAt);
  return p.status === "CANCELLED"
    ? { ...paid, status: "CANCELLED", cancelledAt }
    : { ...paid, status: "PARTIAL_CANCELLED", cancelledAt };
}

/** GET /payments/{paymentId}/transactions: every attempt, oldest first. */
export function transactionView(
  baseUrl: string,
  store: StoreRow,
  p: PaymentRow,
  t: TransactionRow,
): PaymentTransaction {
  const common = {
    id: t.transactionId,
    paymentId: p.paymentId,
    merchantId: store.merchantId,
    storeId: store.storeId,
    method: paymentMethod(findInstrument(p.instrumentId)),
    channel: channelOf(store, p.channelKey),
    version: "V2",
    billingKey: p.billingKey,
    requestedAt: iso(t.requestedAt),
    updatedAt: iso(t.requestedAt),
    statusChangedAt: iso(t.requestedAt),
    orderName: p.orderName,
    amount: { ...amountOf(p), total: t.amount, paid: t.status === "PAID" ? t.amount : 0 },
    currency: "KRW",
    customer: p.customer as Customer,
  } as const;
  return t.status === "FAILED"
    ? {
        ...common,
        status: "FAILED",
        failedAt: iso(t.requestedAt),
        failure: { pgCode: t.pgCode ?? undefined, pgMessage: t.pgMessage ?? undefined },
      }
    : {
        ...common,
        status: "PAID",
        paidAt: iso(t.requestedAt),
        pgTxId: t.pgTxId ?? undefined,
        receiptUrl: receiptUrl(baseUrl, p.paymentId, store.storeId),
      };
}
