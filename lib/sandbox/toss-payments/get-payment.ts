import { TossPaymentsError } from "./api-error";
import type { ApiOperation } from "./context";
import { findPaymentByKey, findPaymentByOrderId, paymentAnswer } from "./payments-query";

// GET /v1/payments/{paymentKey} and GET /v1/payments/orders/{orderId} (docs/providers.md
// §2.3.4): the Payment object, or 404 NOT_FOUND_PAYMENT when nothing was created.

export const getPaymentByKey: ApiOperation = async (ctx, { secretKey, param }) => {
  const payment = await findPaymentByKey(ctx.db, secretKey, param);
  if (!payment) throw new TossPaymentsError("NOT_FOUND_PAYMENT");
  return { status: 200, body: await paymentAnswer(ctx, ctx.db, payment) };
};

export const getPaymentByOrderId: ApiOperation = async (ctx, { secretKey, param }) => {
  const payment = await findPaymentByOrderId(ctx.db, secretKey, param);
  if (!payment) throw new TossPaymentsError("NOT_FOUND_PAYMENT");
  return { status: 200, body: await paymentAnswer(ctx, ctx.db, payment) };
};
