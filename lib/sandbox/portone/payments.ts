import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { z } from "zod";
import { PortOneApiError, invalidRequest } from "./api-error";
import type { ApiOperation, PortOneContext } from "./context";
import { newCancellationId, newPgTxId } from "./ids";
import { defaultVat } from "./pay";
import { type StoreRow, cancellations, payments, transactions } from "./schema";
import { checkStoreId } from "./stores";
import { int64, parseBody } from "./validation";
import { cancellationView, paymentView, transactionView } from "./views";
import { enqueueWebhook, webhookTargets } from "./webhooks";

// Reading payments and cancelling them (docs/providers.md §3.3).

async function paymentOf(executor: Executor, store: StoreRow, paymentId: string, lock = false) {
  const query = executor
    .select()
    .from(payments)
    .where(and(eq(payments.storeId, store.storeId), eq(payments.paymentId, paymentId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new PortOneApiError("PAYMENT_NOT_FOUND");
  return row;
}

const cancellationsOf = (executor: Executor, store: StoreRow, paymentId: string) =>
  executor
    .select()
    .from(cancellations)
    .where(and(eq(cancellations.storeId, store.storeId), eq(cancellations.paymentId, paymentId)))
    .orderBy(asc(cancellations.cancelledAt), asc(cancellations.id));

export async function paymentAnswer(ctx: PortOneContext, store: StoreRow, paymentId: string) {
  const payment = await paymentOf(ctx.db, store, paymentId);
  return paymentView(ctx.baseUrl, store, payment, await cancellationsOf(ctx.db, store, paymentId));
}

/** GET /payments/{paymentId}[?storeId] */
export const getPayment: ApiOperation = async (ctx, { store, param, query }) => {
  checkStoreId(store, query.get("storeId"));
  return paymentAnswer(ctx, store, param);
};

/** GET /payments/{paymentId}/transactions[?storeId]: every attempt, oldest first. */
export const getPaymentTransactions: ApiOperation = async (ctx, { store, param, query }) => {
  checkStoreId(store, query.get("storeId"));
  const payment = await paymentOf(ctx.db, store, param);
  const rows = await ctx.db
    .select()
    .from(transactions)
    .where(and(eq(transactions.storeId, store.storeId), eq(transactions.paymentId, param)))
    .orderBy(asc(transactions.requestedAt), asc(transactions.transactionId));
  return { items: rows.map((t) => transactionView(ctx.baseUrl, store, payment, t)) };
};

const cancelBody = z.object({
  storeId: z.string().optional(),
  reason: z.string().min(1).max(200),
  amount: int64.positive().optional(),
  taxFreeAmount: int64.nonnegative().optional(),
  vatAmount: int64.nonnegative().optional(),
  requester: z.enum(["CUSTOMER", "ADMIN"]).optional(),
  currentCancellableAmount: int64.nonnegative().optional(),
  skipWebhook: z.boolean().optional(),
});

/**
 * POST /payments/{paymentId}/cancel: a full cancel without `amount`, a partial one with it.
 * `currentCancellableAmount` is checked against the balance under the row lock, so a retried
 * cancel that already happened answers 409 CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN and refunds
 * nothing twice. Sends Transaction.Cancelled / Transaction.PartialCancelled (unless skipWebhook).
 */
export const cancelPayment: ApiOperation = async (ctx, { store, param, body }) => {
  if (body.reason === undefined) throw invalidRequest("reason: 취소 사유는 필수입니다.");
  const input = parseBody(cancelBody, body);
  checkStoreId(store, input.storeId);
  const { webhookUrl } = await ctx.runtime.settings();

  const cancellation = await ctx.db.transaction(async (tx) => {
    const payment = await paymentOf(tx, store, param, true);
    if (payment.status === "FAILED") throw new PortOneApiError("PAYMENT_NOT_PAID");
    if (payment.status === "CANCELLED") throw new PortOneApiError("PAYMENT_ALREADY_CANCELLED");
    const cancellable = payment.totalAmount - payment.cancelledAmount;
    if (
      input.currentCancellableAmount !== undefined &&
      input.currentCancellableAmount !== cancellable
    ) {
      throw new PortOneApiError("CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN");
    }
    const amount = input.amount ?? cancellable;
    if (amount > cancellable) throw new PortOneApiError("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT");
    const full = amount === cancellable;
    const taxFreeLeft = payment.taxFreeAmount - payment.cancelledTaxFreeAmount;
    const vatLeft = payment.vatAmount - payment.cancelledVatAmount;
    // A full cancel returns whatever is left of each part. A partial one without taxFreeAmount
    // is all taxable ("값을 입력하지 않으면 전액 과세 취소", the SDK's doc); without vatAmount
    // the VAT is computed (taxable / 11, rounded), never more than what is left of it.
    const taxFreeAmount = input.taxFreeAmount ?? (full ? taxFreeLeft : 0);
    if (taxFreeAmount > amount) throw new PortOneApiError("SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT");
    if (taxFreeAmount > taxFreeLeft) {
      throw new PortOneApiError("CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT");
    }
    const vatAmount =
      input.vatAmount ?? (full ? vatLeft : Math.min(vatLeft, defaultVat(amount - taxFreeAmount)));
    if (taxFreeAmount + vatAmount > amount) {
      throw new PortOneApiError("SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT");
    }
    if (vatAmount > vatLeft) {
      throw new PortOneApiError("CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT");
    }
    const [row] = await tx
      .insert(cancellations)
      .values({
        id: newCancellationId(),
        storeId: store.storeId,
        paymentId: param,
        pgCancellationId: newPgTxId(),
        totalAmount: amount,
        taxFreeAmount,
        vatAmount,
        reason: input.reason,
        requester: input.requester ?? null,
        requestedAt: ctx.now,
        cancelledAt: ctx.now,
      })
      .returning();
    const status = full ? ("CANCELLED" as const) : ("PARTIAL_CANCELLED" as const);
    await tx
      .update(payments)
      .set({
        status,
        cancelledAmount: payment.cancelledAmount + amount,
        cancelledTaxFreeAmount: payment.cancelledTaxFreeAmount + taxFreeAmount,
        cancelledVatAmount: payment.cancelledVatAmount + vatAmount,
        cancelledAt: ctx.now,
        updatedAt: ctx.now,
        statusChangedAt: ctx.now,
      })
      .where(and(eq(payments.storeId, store.storeId), eq(payments.paymentId, param)));
    if (!input.skipWebhook) {
      await enqueueWebhook(
        tx,
        { urls: webhookTargets(payment.noticeUrls, webhookUrl), now: ctx.now },
        {
          type: full ? "Transaction.Cancelled" : "Transaction.PartialCancelled",
          data: {
            storeId: store.storeId,
            paymentId: param,
            transactionId: payment.transactionId,
            cancellationId: row!.id,
          },
        },
      );
    }
    return row!;
  });
  ctx.runtime.kickDeliveries();
  return { cancellation: cancellationView(ctx.baseUrl, cancellation) };
};
