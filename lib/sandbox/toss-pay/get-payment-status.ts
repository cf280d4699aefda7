import { SandboxApiError } from "./api-error";
import type { ApiOperation } from "./context";
import { findCharge, paymentStatusBody, refundsOf } from "./payment-view";
import { parseRequest, paymentStatusRequest } from "./validation";

// POST /api/v2/status (docs/providers.md §1.4.7): the documented way to learn the outcome of a
// charge or refund whose answer was lost.
export const getPaymentStatus: ApiOperation = async (ctx, apiKey, body) => {
  const input = parseRequest(paymentStatusRequest, body);
  const charge = await findCharge(ctx.db, apiKey, {
    payToken: input.payToken,
    orderNo: input.orderNo,
  });
  if (!charge) {
    // The docs only say an unknown order answers code -1 [unconfirmed]; the sandbox uses the
    // documented TRANSACTION_NOT_FOUND with 404 ("no such request"). Either way it means no
    // payment was created under that orderNo, so a new orderNo may be used.
    throw new SandboxApiError(
      404,
      "TRANSACTION_NOT_FOUND",
      input.payToken
        ? "해당 payToken의 결제 정보가 없습니다."
        : `orderNo ${input.orderNo ?? ""}의 결제 정보가 없습니다.`,
    );
  }
  return paymentStatusBody(charge, await refundsOf(ctx.db, charge.id), ctx.now, ctx.baseUrl);
};
