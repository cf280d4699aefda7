import { and, eq } from "drizzle-orm";
import { TossPaymentsError } from "./api-error";
import type { ApiOperation } from "./context";
import { newTransactionKey } from "./ids";
import { paymentAnswer } from "./payments-query";
import { cancels, payments } from "./schema";
import { optionalInt, requiredString } from "./validation";
import { enqueueWebhook } from "./webhooks";

// POST /v1/payments/{paymentKey}/cancel (docs/providers.md §2.3.4): a full cancel without
// `cancelAmount`, a partial one with it; `cancels[]` lists every step and `balanceAmount` is
// what is left. PAYMENT_STATUS_CHANGED is sent on PARTIAL_CANCELED and CANCELED (§2.6).
// Retries are made safe by the Idempotency-Key (idempotency.ts), as Toss advises.
export const cancelPayment: ApiOperation = async (ctx, { secretKey, param, body }) => {
  const cancelReason = requiredString(body, "cancelReason", { max: 200 });
  const requestedAmount = optionalInt(body, "cancelAmount", { min: 1 });
  const requestedTaxFree = optionalInt(body, "taxFreeAmount", { min: 0 });
  const { webhookUrl } = await ctx.runtime.settings();

  const answer = await ctx.db.transaction(async (tx) => {
    const [payment] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.paymentKey, param), eq(payments.secretKey, secretKey)))
      .for("update");
    if (!payment) throw new TossPaymentsError("NOT_FOUND_PAYMENT");
    if (payment.status === "CANCELED") throw new TossPaymentsError("ALREADY_CANCELED_PAYMENT");
    if (payment.status === "ABORTED") throw new TossPaymentsError("NOT_CANCELABLE_PAYMENT");
    const cancelAmount = requestedAmount ?? payment.balanceAmount;
    if (cancelAmount > payment.balanceAmount) throw new TossPaymentsError("NOT_CANCELABLE_AMOUNT");
    const balanceAmount = payment.balanceAmount - cancelAmount;
    // Without a tax-free part of its own, a cancel takes the tax-free amount last, so a full
    // cancel always returns all of it.
    const taxFreeCancelled = (
      await tx.select().from(cancels).where(eq(cancels.paymentKey, payment.paymentKey))
    ).reduce((sum, c) => sum + c.taxFreeAmount, 0);
    const taxFreeLeft = payment.taxFreeAmount - taxFreeCancelled;
    const taxFreeAmount = requestedTaxFree ?? Math.max(0, taxFreeLeft - balanceAmount);
    if (taxFreeAmount > Math.min(cancelAmount, taxFreeLeft)) {
      throw new TossPaymentsError(
        "NOT_CANCELABLE_AMOUNT",
        "taxFreeAmount: 취소할 수 있는 면세 금액을 넘었습니다.",
      );
    }
    const transactionKey = newTransactionKey();
    await tx.insert(cancels).values({
      transactionKey,
      paymentKey: payment.paymentKey,
      cancelAmount,
      taxFreeAmount,
      cancelReason,
      refundableAmount: balanceAmount,
      canceledAt: ctx.now,
    });
    const [updated] = await tx
      .update(payments)
      .set({
        balanceAmount,
        status: balanceAmount === 0 ? "CANCELED" : "PARTIAL_CANCELED",
        lastTransactionKey: transactionKey,
      })
      .where(eq(payments.paymentKey, payment.paymentKey))
      .returning();
    const body = await paymentAnswer(ctx, tx, updated!);
    await enqueueWebhook(
      tx,
      { secretKey, url: webhookUrl, now: ctx.now },
      { eventType: "PAYMENT_STATUS_CHANGED", data: body },
    );
    return body;
  });
  ctx.runtime.kickDeliveries();
  return { status: 200, body: answer };
};
