import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { findOne } from "@/lib/sandbox/shared/find-one";
import { salesCheckLink } from "./checkout-links";
import { type Instrument, instrumentOf } from "./instruments";
import { formatKst } from "./kst-time";
import { type ChargeRow, type RefundRow, charges, refunds } from "./schema";

// How a recorded charge looks through the status and refund APIs (docs/providers.md §1.4.6–§1.4.7).

// Settlement happens a year after approval; from then on no refund is possible.
const SETTLEMENT_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

export type PayStatus = ChargeRow["payStatus"];

/** payStatus in Korean, for the sandbox's pages. */
export const PAY_STATUS_LABEL: Record<PayStatus, string> = {
  PAY_STANDBY: "대기",
  PAY_APPROVED: "인증 완료",
  PAY_CANCEL: "승인 실패",
  PAY_PROGRESS: "진행 중",
  PAY_COMPLETE: "결제 완료",
  REFUND_PROGRESS: "환불 중",
  REFUND_SUCCESS: "환불",
  SETTLEMENT_COMPLETE: "정산 완료",
  SETTLEMENT_REFUND_COMPLETE: "환불 정산 완료",
};

/** The stored status, moved on to SETTLEMENT_* once a year has passed since approval. */
export function effectivePayStatus(charge: ChargeRow, now: Date): PayStatus {
  const settled =
    charge.approvedAt !== null &&
    now.getTime() - charge.approvedAt.getTime() >= SETTLEMENT_AFTER_MS;
  if (!settled) return charge.payStatus;
  if (charge.payStatus === "PAY_COMPLETE") return "SETTLEMENT_COMPLETE";
  if (charge.payStatus === "REFUND_SUCCESS") return "SETTLEMENT_REFUND_COMPLETE";
  return charge.payStatus;
}

export function refundableAmount(charge: ChargeRow, now: Date): number {
  const status = effectivePayStatus(charge, now);
  if (status !== "PAY_COMPLETE" && status !== "REFUND_SUCCESS") return 0;
  return charge.amount - charge.refundedAmount;
}

/** Card fields of a card charge (flat, as refund answers carry them), or {}. */
export function cardFields(
  charge: ChargeRow,
  instrument: Instrument,
  baseUrl: string,
): Record<string, unknown> {
  const f = instrument.fields;
  if (f.payMethod !== "CARD") return {};
  return {
    noInterest: false,
    spreadOut: charge.spreadOut,
    cardCompanyName: f.cardCompanyName,
    cardCompanyCode: f.cardCompanyCode,
    cardAuthorizationNo: charge.transactionId ? "00000000" : null,
    cardMethodType: f.cardMethodType,
    cardUserType: f.cardUserType,
    cardNumber: f.cardNumber,
    cardBinNumber: f.cardBinNumber,
    cardNum4Print: f.cardNum4Print,
    salesCheckLinkUrl: charge.transactionId
      ? salesCheckLink(baseUrl, charge.payToken, charge.transactionId)
      : null,
  };
}

export function accountFields(instrument: Instrument): Record<string, unknown> {
  const f = instrument.fields;
  if (f.payMethod !== "TOSS_MONEY") return {};
  return {
    accountBankCode: f.accountBankCode,
    accountBankName: f.accountBankName,
    accountNumber: f.accountNumber,
  };
}

export async function refundsOf(executor: Executor, chargeId: string): Promise<RefundRow[]> {
  return executor
    .select()
    .from(refunds)
    .where(eq(refunds.chargeId, chargeId))
    .orderBy(asc(refunds.createdAt));
}

export async function findCharge(
  executor: Executor,
  apiKey: string,
  by: { payToken?: string; orderNo?: string },
): Promise<ChargeRow | null> {
  return findOne(executor, charges, { apiKey, payToken: by.payToken, orderNo: by.orderNo });
}

/** The /api/v2/status answer for a charge. */
export function paymentStatusBody(
  charge: ChargeRow,
  chargeRefunds: RefundRow[],
  now: Date,
  baseUrl: string,
) {
  const instrument = instrumentOf(charge.instrumentId);
  const paid = charge.transactionId !== null;
  const transactions = [
    ...(paid && charge.approvedAt
      ? [
          {
            stepType: "PAY",
            transactionId: charge.transactionId,
            transactionAmount: charge.amount,
            discountedAmount: 0,
            paidAmount: charge.amount,
            regTs: formatKst(charge.approvedAt),
          },
        ]
      : []),
    ...chargeRefunds.map((r) => ({
      stepType: "REFUND",
      transactionId: r.transactionId,
      transactionAmount: -r.amount,
      discountedAmount: 0,
      paidAmount: -r.amount,
      regTs: formatKst(r.createdAt),
    })),
  ];
  const card = cardFields(charge, instrument, baseUrl);
  return {
    code: 0,
    mode: "TEST",
    payToken: charge.payToken,
    orderNo: charge.orderNo,
    payStatus: effectivePayStatus(charge, now),
    payMethod: charge.payMethod,
    amount: charge.amount,
    discountedAmount: 0,
    discountAmountV2: 0,
    paidPointV2: 0,
    paidAmount: paid ? charge.amount - charge.refundedAmount : 0,
    refundableAmount: refundableAmount(charge, now),
    amountTaxFree: charge.amountTaxFree,
    amountTaxable: charge.amountTaxable,
    amountVat: charge.amountVat,
    amountServiceFee: charge.amountServiceFee,
    disposableCupDeposit: 0,
    ...accountFields(instrument),
    createdTs: formatKst(charge.createdAt),
    paidTs: charge.approvedAt ? formatKst(charge.approvedAt) : null,
    ...(Object.keys(card).length > 0 ? { card } : {}),
    transactions,
  };
}
