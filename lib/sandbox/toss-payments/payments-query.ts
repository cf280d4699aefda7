import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { findOne } from "@/lib/sandbox/shared/find-one";
import type { TossPaymentsContext } from "./context";
import { paymentObject } from "./payment-view";
import { type PaymentRow, billingKeys, cancels, payments } from "./schema";

// Reading payments back as Payment objects: the lookups, and every answer that returns one.

export const findPaymentByKey = (executor: Executor, secretKey: string, paymentKey: string) =>
  findOne(executor, payments, { paymentKey, secretKey });

/**
 * The payment of an order id: the approved (or cancelled) one if there is one, else the latest
 * declined attempt, whose `failure` says why (a declined order id may be charged again).
 */
export async function findPaymentByOrderId(
  executor: Executor,
  secretKey: string,
  orderId: string,
): Promise<PaymentRow | null> {
  const [row] = await executor
    .select()
    .from(payments)
    .where(and(eq(payments.secretKey, secretKey), eq(payments.orderId, orderId)))
    .orderBy(sql`${payments.status} = 'ABORTED'`, desc(payments.requestedAt))
    .limit(1);
  return row ?? null;
}

export async function paymentAnswer(
  ctx: TossPaymentsContext,
  executor: Executor,
  payment: PaymentRow,
): Promise<Record<string, unknown>> {
  const [key] = await executor
    .select({ cardType: billingKeys.cardType, ownerType: billingKeys.ownerType })
    .from(billingKeys)
    .where(eq(billingKeys.billingKey, payment.billingKey));
  const cancelRows = await executor
    .select()
    .from(cancels)
    .where(eq(cancels.paymentKey, payment.paymentKey))
    .orderBy(asc(cancels.canceledAt), asc(cancels.transactionKey));
  return paymentObject(
    payment,
    key ?? { cardType: null, ownerType: null },
    cancelRows,
    ctx.baseUrl,
  );
}
