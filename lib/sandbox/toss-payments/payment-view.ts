import { createHash } from "node:crypto";
import { type Instrument, findInstrument, maskAccountNumber, maskCardNumber } from "./instruments";
import type { BillingKeyRow, CancelRow, PaymentRow } from "./schema";

// The Billing and Payment objects as api.tosspayments.com sends them (docs/providers.md §2.3.1,
// §2.3.2, §2.3.4), built from the sandbox's rows. Fields the sandbox has no use for are sent
// with the values a billing payment has (null, false, "KRW") so clients parsing the full shape
// work unchanged.

/** The test MID of the docs' examples; every sandbox merchant answers with it. */
export const SANDBOX_MID = "tvivarepublica";
const API_VERSION = "2022-11-16";
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** ISO 8601 in Korean time, as Toss writes every timestamp: 2024-02-13T12:18:14+09:00. */
export function isoKst(date: Date): string {
  return `${new Date(date.getTime() + KST_OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}

const METHOD_LABEL = { CARD: "카드", TRANSFER: "계좌이체" } as const;

function instrumentOf(instrumentId: string): Instrument {
  const instrument = findInstrument(instrumentId);
  // Rows are only written with ids findInstrument accepted.
  if (!instrument) throw new Error(`unknown instrument ${instrumentId}`);
  return instrument;
}

type CardFields = Pick<BillingKeyRow, "cardType" | "ownerType">;

function cardSummary(instrument: Instrument, owner: CardFields) {
  if (instrument.kind !== "card") return null;
  return {
    issuerCode: instrument.issuerCode,
    // Issuer and acquirer are the same company for every test card.
    acquirerCode: instrument.issuerCode,
    number: maskCardNumber(instrument.digits),
    cardType: owner.cardType ?? "신용",
    ownerType: owner.ownerType ?? "개인",
  };
}

/** The Billing object of an issued key. 퀵계좌이체 keys carry no account: it is not known yet. */
export function billingObject(key: BillingKeyRow): Record<string, unknown> {
  const card = cardSummary(instrumentOf(key.instrumentId), key);
  return {
    mId: SANDBOX_MID,
    customerKey: key.customerKey,
    authenticatedAt: isoKst(key.authenticatedAt),
    method: METHOD_LABEL[key.method],
    billingKey: key.billingKey,
    ...(card ? { card } : {}),
  };
}

// A stable 8-digit approval number per payment.
function approveNo(paymentKey: string): string {
  const n = createHash("sha256").update(paymentKey).digest().readUInt32BE(0);
  return String(n % 100_000_000).padStart(8, "0");
}

function cancelObject(cancel: CancelRow): Record<string, unknown> {
  return {
    transactionKey: cancel.transactionKey,
    cancelReason: cancel.cancelReason,
    taxExemptionAmount: 0,
    canceledAt: isoKst(cancel.canceledAt),
    easyPayDiscountAmount: 0,
    receiptKey: null,
    cancelAmount: cancel.cancelAmount,
    taxFreeAmount: cancel.taxFreeAmount,
    refundableAmount: cancel.refundableAmount,
    cancelStatus: "DONE",
    cancelRequestId: null,
  };
}

/** The Payment object (docs/providers.md §2.3.2), with `cancels` oldest first. */
export function paymentObject(
  payment: PaymentRow,
  key: CardFields,
  cancelRows: readonly CancelRow[],
  baseUrl: string,
): Record<string, unknown> {
  const instrument = instrumentOf(payment.instrumentId);
  const method = instrument.kind === "card" ? "CARD" : "TRANSFER";
  const approved = payment.status !== "ABORTED";
  const remainingTaxFree =
    payment.taxFreeAmount - cancelRows.reduce((sum, c) => sum + c.taxFreeAmount, 0);
  // VAT is 1/11 of the taxable part of what is still charged (Toss rounds to the won).
  const taxable = Math.max(0, payment.balanceAmount - remainingTaxFree);
  const vat = approved ? Math.round(taxable / 11) : 0;
  const card = cardSummary(instrument, key);
  return {
    mId: SANDBOX_MID,
    version: API_VERSION,
    type: "BILLING",
    paymentKey: payment.paymentKey,
    lastTransactionKey: payment.lastTransactionKey,
    orderId: payment.orderId,
    orderName: payment.orderName,
    status: payment.status,
    method: METHOD_LABEL[method],
    currency: "KRW",
    country: "KR",
    requestedAt: isoKst(payment.requestedAt),
    approvedAt: payment.approvedAt ? isoKst(payment.approvedAt) : null,
    totalAmount: payment.totalAmount,
    balanceAmount: payment.balanceAmount,
    suppliedAmount: approved ? taxable - vat : 0,
    vat,
    taxFreeAmount: payment.taxFreeAmount,
    taxExemptionAmount: 0,
    isPartialCancelable: true,
    useEscrow: false,
    cultureExpense: false,
    card:
      card && approved
        ? {
            ...card,
            amount: payment.totalAmount,
            installmentPlanMonths: payment.installmentPlanMonths,
            isInterestFree: false,
            interestPayer: null,
            approveNo: approveNo(payment.paymentKey),
            useCardPoint: false,
            acquireStatus: payment.status === "CANCELED" ? "CANCELED" : "READY",
          }
        : null,
    // Seed 002: a 퀵계좌이체 billing payment carries `transfer`, and the account it was paid from
    // can be read from the charge answer. `accountNumber` (masked) is the sandbox's reading of
    // that sentence [unconfirmed field name]; bankCode and settlementStatus are documented.
    transfer:
      instrument.kind === "account" && approved
        ? {
            bankCode: instrument.bankCode,
            settlementStatus: "INCOMPLETED",
            accountNumber: maskAccountNumber(instrument.accountNumber),
          }
        : null,
    virtualAccount: null,
    mobilePhone: null,
    giftCertificate: null,
    easyPay: null,
    cashReceipt: null,
    cashReceipts: null,
    discount: null,
    secret: null,
    cancels: cancelRows.length > 0 ? cancelRows.map(cancelObject) : null,
    failure: payment.failureCode
      ? { code: payment.failureCode, message: payment.failureMessage ?? "" }
      : null,
    receipt: approved
      ? {
          url: `${baseUrl}/receipt/redirection?paymentKey=${encodeURIComponent(payment.paymentKey)}`,
        }
      : null,
  };
}
