import { SandboxApiError } from "./api-error";
import { findCurrentKey } from "./billing-key-queries";
import type { ApiOperation } from "./context";
import { instrumentOf, methodFields } from "./instruments";
import { billingKeyStatusRequest, parseRequest } from "./validation";

// POST /api/v1/billing-key/status (docs/providers.md §1.4.4). A key whose checkout link expired
// unapproved stays CREATE ("미인증"): nothing in the docs says Toss moves it to FAIL, so the
// merchant has to own the 15-minute clock, which is the reading that is safe either way.
export const getBillingKeyStatus: ApiOperation = async (ctx, apiKey, body) => {
  const input = parseRequest(billingKeyStatusRequest, body);
  const key = await findCurrentKey(ctx.db, apiKey, input.userId, input.displayId, ctx.now);
  if (!key) {
    throw new SandboxApiError(
      404,
      "COMMON_BILLING_KEY_NOT_FOUND",
      input.displayId
        ? `userId ${input.userId}, displayId ${input.displayId}의 빌링키가 없습니다.`
        : `userId ${input.userId}의 빌링키가 없습니다. (displayId로 만든 키는 displayId도 보내야 합니다)`,
    );
  }
  return {
    code: 0,
    userId: key.userId,
    ...(key.displayId ? { displayId: key.displayId } : {}),
    billingKey: key.billingKey,
    status: key.status,
    // The method as linked now: the customer may change it inside the Toss app.
    ...(key.instrumentId ? methodFields(instrumentOf(key.instrumentId)) : {}),
  };
};
