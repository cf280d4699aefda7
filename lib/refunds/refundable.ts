import { formatKRW } from "@/lib/format";
import { AppError } from "@/lib/errors";

// What is left to refund on a charge, and how a refund splits into taxable and tax-free parts.
// Pure functions: the refund flow calls them with the charge row it holds locked.

export type RefundableCharge = {
  amount: number; // KRW, total charged
  amountTaxFree: number; // KRW, tax-free part of the charge
  refundedAmount: number; // KRW, succeeded refunds so far
  refundedTaxFree: number; // KRW, tax-free part of the succeeded refunds
};

/** KRW still refundable: what was charged minus what succeeded refunds gave back. */
export function remainingRefundable(charge: Pick<RefundableCharge, "amount" | "refundedAmount">) {
  return Math.max(0, charge.amount - charge.refundedAmount);
}

/**
 * The amount to refund: `requested`, or everything that is left when omitted. Refuses zero,
 * fractions and anything above what remains, with a message naming both amounts.
 */
export function validateRefundAmount(
  charge: Pick<RefundableCharge, "amount" | "refundedAmount">,
  requested: number | undefined,
): number {
  const remaining = remainingRefundable(charge);
  if (remaining === 0) {
    throw new AppError("conflict", "The charge has been refunded in full; nothing is left.", {
      userMessage: "이미 전액 환불된 결제예요. 더 환불할 금액이 없어요.",
      details: { remaining },
    });
  }
  const amount = requested ?? remaining;
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw new AppError("bad_request", `Refund amount must be a whole number of won ≥ 1.`, {
      userMessage: "환불 금액은 1원 이상의 정수로 입력해 주세요.",
      details: { requested },
    });
  }
  if (amount > remaining) {
    throw new AppError(
      "bad_request",
      `Refund of ${amount} KRW exceeds the ${remaining} KRW still refundable (charged ${charge.amount}, refunded ${charge.refundedAmount}).`,
      {
        userMessage:
          charge.refundedAmount > 0
            ? `환불 가능 금액(${formatKRW(remaining)})보다 큰 금액(${formatKRW(amount)})은 환불할 수 없어요. 이미 ${formatKRW(charge.refundedAmount)}이 환불됐어요.`
            : `환불 가능 금액(${formatKRW(remaining)})보다 큰 금액(${formatKRW(amount)})은 환불할 수 없어요.`,
        details: { requested: amount, remaining, refunded: charge.refundedAmount },
      },
    );
  }
  return amount;
}

/**
 * The tax-free part of a refund of `amount`. A refund of everything left takes all remaining
 * tax-free money; a partial refund takes the charge's tax-free share (rounded down to the won),
 * kept inside what remains of each part so the parts of all refunds add up to the charge.
 */
export function taxFreePartOf(charge: RefundableCharge, amount: number): number {
  const taxFreeLeft = Math.max(0, charge.amountTaxFree - charge.refundedTaxFree);
  const taxableLeft = Math.max(
    0,
    charge.amount - charge.amountTaxFree - (charge.refundedAmount - charge.refundedTaxFree),
  );
  if (amount >= remainingRefundable(charge)) return Math.min(amount, taxFreeLeft);
  const share = Math.floor((amount * charge.amountTaxFree) / charge.amount);
  const lowest = Math.max(0, amount - taxableLeft);
  const highest = Math.min(amount, taxFreeLeft);
  return Math.min(highest, Math.max(lowest, share));
}
