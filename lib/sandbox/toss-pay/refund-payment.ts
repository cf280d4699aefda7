import { and, eq } from "drizzle-orm";
import { SandboxApiError, invalidParameter } from "./api-error";
import type { ApiOperation } from "./context";
import { newTransactionId } from "./ids";
import { instrumentOf } from "./instruments";
import { formatKst } from "./kst-time";
import { accountFields, cardFields, effectivePayStatus, refundableAmount } from "./payment-view";
import { charges, refunds } from "./schema";
import { parseRequest, refundRequest } from "./validation";

// POST /api/v2/refunds (docs/providers.md §1.4.6): full or partial, with a merchant refundNo and
// `idempotent` (default true: the same request again returns the same success, no second
// refund). The charge row is locked for the whole refund, so concurrent refunds of one payment
// are serialised and can never exceed the amount.

type RefundInput = ReturnType<typeof parseRefund>;
const parseRefund = (body: unknown) => parseRequest(refundRequest, body);

function fingerprint(input: RefundInput): string {
  // What makes a repeat "the same request": the payment and the amounts. `reason` is prose.
  return JSON.stringify([
    input.payToken,
    input.amount ?? null,
    input.amountTaxFree ?? null,
    input.amountTaxable ?? null,
    input.amountVat ?? null,
    input.amountServiceFee ?? null,
  ]);
}

function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof Error && error.cause ? error.cause : error;
  return (
    typeof cause === "object" && cause !== null && (cause as { code?: unknown }).code === "23505"
  );
}

const duplicateRefundNo = (refundNo: string) =>
  new SandboxApiError(
    200,
    "REFUND_REFUND_NO_DUPLICATE",
    `이미 사용된 환불번호입니다. (refundNo: ${refundNo})`,
  );

export const refundPayment: ApiOperation = async (ctx, apiKey, body) => {
  const input = parseRefund(body);
  try {
    return await ctx.db.transaction(async (tx) => {
      // Locks the payment: concurrent refunds (and replays of one refundNo) wait their turn.
      const [locked] = await tx
        .select()
        .from(charges)
        .where(and(eq(charges.apiKey, apiKey), eq(charges.payToken, input.payToken)))
        .for("update");
      if (!locked) {
        throw new SandboxApiError(
          404,
          "TRANSACTION_NOT_FOUND",
          "해당 payToken의 결제 정보가 없습니다.",
        );
      }

      const [previous] = await tx
        .select()
        .from(refunds)
        .where(and(eq(refunds.apiKey, apiKey), eq(refunds.refundNo, input.refundNo)));
      if (previous) {
        if ((input.idempotent ?? true) && previous.requestFingerprint === fingerprint(input)) {
          return previous.response as Record<string, unknown>;
        }
        throw duplicateRefundNo(input.refundNo);
      }
      if (input.refundNo === locked.transactionId) {
        throw invalidParameter("refundNo: 승인 거래의 transactionId와 같은 값은 쓸 수 없습니다.");
      }

      const status = effectivePayStatus(locked, ctx.now);
      if (status === "SETTLEMENT_COMPLETE" || status === "SETTLEMENT_REFUND_COMPLETE") {
        throw new SandboxApiError(
          200,
          "COMMON_REFUND_ERROR",
          "정산이 완료된 결제(승인 후 1년)는 환불할 수 없습니다.",
        );
      }
      if (status !== "PAY_COMPLETE" && status !== "REFUND_SUCCESS") {
        throw new SandboxApiError(
          200,
          "COMMON_REFUND_ERROR",
          `환불할 수 없는 결제 상태입니다. (${status})`,
        );
      }
      const refundable = refundableAmount(locked, ctx.now);
      if (refundable === 0) {
        throw new SandboxApiError(200, "REFUND_ALREADY_REFUNDED", "이미 전액 환불된 결제입니다.");
      }
      const amount = input.amount ?? refundable;
      if (amount > refundable) {
        // The docs list no code for refunding more than is left; COMMON_REFUND_ERROR is the
        // refund page's generic refusal, and nothing is refunded.
        throw new SandboxApiError(
          200,
          "COMMON_REFUND_ERROR",
          `환불 가능 금액(${refundable}원)보다 큰 금액(${amount}원)은 환불할 수 없습니다.`,
        );
      }

      const taxFree = input.amountTaxFree ?? 0;
      const serviceFee = input.amountServiceFee ?? 0;
      const taxableTotal = amount - taxFree - serviceFee;
      if (taxableTotal < 0) {
        throw invalidParameter("amountTaxFree와 amountServiceFee의 합이 amount보다 큽니다.");
      }
      // "default: taxable amount ÷ 11, rounded up at the first decimal".
      const vat =
        input.amountVat ??
        (input.amountTaxable !== undefined
          ? taxableTotal - input.amountTaxable
          : Math.ceil(taxableTotal / 11));
      const taxable = input.amountTaxable ?? taxableTotal - vat;
      if (vat < 0 || taxable < 0 || taxable + vat !== taxableTotal) {
        throw invalidParameter(
          "환불 금액 합계가 맞지 않습니다. (amountTaxFree + amountTaxable + amountVat + amountServiceFee = amount)",
        );
      }

      const refundedTotal = locked.refundedAmount + amount;
      const remaining = locked.amount - refundedTotal;
      const transactionId = newTransactionId();
      const instrument = instrumentOf(locked.instrumentId);
      const [updated] = await tx
        .update(charges)
        .set({ refundedAmount: refundedTotal, payStatus: "REFUND_SUCCESS" })
        .where(eq(charges.id, locked.id))
        .returning();
      const response = {
        code: 0,
        refundNo: input.refundNo,
        approvalTime: formatKst(ctx.now),
        transactionId,
        payToken: locked.payToken,
        refundableAmount: remaining,
        discountedAmount: 0,
        paidAmount: remaining,
        // This step, negative as Toss writes refunds.
        refundedAmount: -amount,
        refundedDiscountAmount: 0,
        refundedPaidAmount: -amount,
        ...(updated ? cardFields(updated, instrument, ctx.baseUrl) : {}),
        ...accountFields(instrument),
      };
      await tx.insert(refunds).values({
        chargeId: locked.id,
        apiKey,
        refundNo: input.refundNo,
        transactionId,
        amount,
        amountTaxFree: taxFree,
        amountTaxable: taxable,
        amountVat: vat,
        amountServiceFee: serviceFee,
        reason: input.reason ?? null,
        requestFingerprint: fingerprint(input),
        response,
        createdAt: ctx.now,
      });
      return response;
    });
  } catch (error) {
    // The same refundNo used concurrently on two different payments: one wins the index.
    if (isUniqueViolation(error)) throw duplicateRefundNo(input.refundNo);
    throw error;
  }
};
