import { and, eq, isNull, lt, or } from "drizzle-orm";
import { SandboxApiError, invalidParameter } from "./api-error";
import { findMerchantKey } from "./billing-key-queries";
import { salesCheckLink } from "./checkout-links";
import { sleep } from "@/lib/sandbox/shared/sleep";
import type { ApiOperation, SandboxContext } from "./context";
import { newPayToken, newTransactionId } from "./ids";
import { SLOW_CHARGE_RESPONSE_MS, instrumentOf } from "./instruments";
import { formatKst } from "./kst-time";
import { type BillingKeyRow, billingKeys, charges } from "./schema";
import { billRequest, parseRequest } from "./validation";

// POST /api/v1/billing-key/bill (docs/providers.md §1.4.3). A charge is one read of the key and one
// insert (two more writes only for a decline that sends the failure push), so the sandbox keeps
// up with a benchmark driving thousands of charges.

const CARD_MIN_AMOUNT = 100; // KRW, CARD_MIN_AMOUNT_ERROR
const SPREAD_OUT_MIN_AMOUNT = 50_000; // KRW: under it a charge is always a lump sum
const FAIL_PUSH_INTERVAL_MS = 60 * 60 * 1000; // sendFailPush: at most once per hour per key

type Split = {
  amountTaxFree: number;
  amountTaxable: number;
  amountVat: number;
  amountServiceFee: number;
};

/**
 * Toss computes the parts the merchant leaves out ("필수 체크는 amount와 amountTaxFree만"). VAT
 * is a tenth of the supply value, i.e. 1/11 of the VAT-inclusive taxable total, rounded up as
 * the refund docs describe; parts that are sent must add up to the total.
 */
export function splitAmount(input: {
  amount: number;
  amountTaxFree: number;
  amountTaxable?: number;
  amountVat?: number;
  amountServiceFee?: number;
}): Split {
  const serviceFee = input.amountServiceFee ?? 0;
  const taxableTotal = input.amount - input.amountTaxFree - serviceFee;
  if (taxableTotal < 0) {
    throw invalidParameter("amountTaxFree와 amountServiceFee의 합이 amount보다 큽니다.");
  }
  let vat = input.amountVat;
  let taxable = input.amountTaxable;
  if (vat === undefined && taxable === undefined) vat = Math.ceil(taxableTotal / 11);
  vat ??= taxableTotal - (taxable ?? 0);
  taxable ??= taxableTotal - vat;
  if (vat < 0 || taxable < 0 || taxable + vat !== taxableTotal) {
    throw invalidParameter(
      "금액 합계가 맞지 않습니다. (amountTaxFree + amountTaxable + amountVat + amountServiceFee = amount)",
    );
  }
  return {
    amountTaxFree: input.amountTaxFree,
    amountTaxable: taxable,
    amountVat: vat,
    amountServiceFee: serviceFee,
  };
}

/** The documented error for charging a key that is not ACTIVE. */
function notChargeable(key: BillingKeyRow): SandboxApiError | null {
  switch (key.status) {
    case "ACTIVE":
      return null;
    case "CREATE":
    case "AUTH":
      return new SandboxApiError(
        200,
        "BILLING_KEY_AUTH_ERROR",
        "사용자 인증이 완료되지 않은 빌링키입니다.",
      );
    case "FAIL":
      return new SandboxApiError(200, "BILLING_KEY_AUTH_ERROR", "인증에 실패한 빌링키입니다.");
    case "CANCEL":
      return new SandboxApiError(
        200,
        "BILLING_KEY_REGISTRATION_CANCELLED",
        "사용자가 등록을 취소한 빌링키입니다.",
      );
    case "REMOVE":
      // Removed by the user in the Toss app: "registration was cancelled; start over". Removed
      // by the merchant itself: the key no longer exists for it.
      return key.removedBy === "user"
        ? new SandboxApiError(
            200,
            "BILLING_KEY_UNREGISTERED_BY_CANCEL",
            "사용자가 자동결제를 해지했습니다. 다시 등록해 주세요.",
          )
        : new SandboxApiError(404, "COMMON_BILLING_KEY_NOT_FOUND", "삭제된 빌링키입니다.");
  }
}

export const chargeBillingKey: ApiOperation = async (ctx, apiKey, body) => {
  const input = parseRequest(billRequest, body);
  // Failures echo the request's order, as the bill answer's common fields do.
  const echo = { mode: "TEST", orderNo: input.orderNo };
  const fail = (status: number, errorCode: string, msg: string) =>
    new SandboxApiError(status, errorCode, msg, echo);

  const key = await findMerchantKey(ctx.db, apiKey, input.billingKey, ctx.now);
  if (!key) throw fail(404, "COMMON_BILLING_KEY_NOT_FOUND", "빌링키를 찾을 수 없습니다.");
  const keyProblem = notChargeable(key);
  if (keyProblem) throw fail(keyProblem.httpStatus, keyProblem.errorCode, keyProblem.message);

  const instrument = instrumentOf(key.instrumentId ?? "");
  const fields = instrument.fields;
  const card = fields.payMethod === "CARD" ? fields : null;
  if (card && input.amount < CARD_MIN_AMOUNT) {
    throw fail(
      200,
      "CARD_MIN_AMOUNT_ERROR",
      `카드 결제는 ${CARD_MIN_AMOUNT}원 이상부터 가능합니다.`,
    );
  }
  // Under ₩50,000 a charge is always a lump sum (docs-pay: "5만원 미만은 기본 일시불"), so the
  // docs' example (₩10,000 with spreadOut 7) succeeds with spreadOut 0 rather than failing with
  // CARD_MIN_AMOUNT_FOR_SPREADOUT_ERROR. A check card cannot pay in instalments. [inferred]
  const spreadOut = card && input.amount >= SPREAD_OUT_MIN_AMOUNT ? (input.spreadOut ?? 0) : 0;
  if (card?.cardMethodType === "CHECK" && spreadOut > 0) {
    throw fail(200, "CARD_SPREADOUT_ERROR", "체크카드는 할부 결제를 할 수 없습니다.");
  }
  const split = splitAmount(input);
  const decline = instrument.decline;
  const transactionId = decline ? null : newTransactionId();

  // One insert decides everything: the unique (apiKey, orderNo) index makes concurrent
  // duplicates lose here, never after a read that found nothing. Declines are recorded too
  // (the ledger shows them, /api/v2/status answers PAY_CANCEL), so an orderNo is never reused.
  const [charge] = await ctx.db
    .insert(charges)
    .values({
      apiKey,
      orderNo: input.orderNo,
      payToken: newPayToken(),
      transactionId,
      billingKey: key.billingKey,
      userId: key.userId,
      productDesc: input.productDesc,
      amount: input.amount,
      ...split,
      spreadOut,
      cashReceipt: input.cashReceipt ?? false,
      cashReceiptTradeOption: input.cashReceiptTradeOption ?? "GENERAL",
      payMethod: instrument.fields.payMethod,
      instrumentId: instrument.id,
      payStatus: decline ? "PAY_CANCEL" : "PAY_COMPLETE",
      errorCode: decline?.errorCode ?? null,
      errorMessage: decline?.msg ?? null,
      createdAt: ctx.now,
      approvedAt: decline ? null : ctx.now,
    })
    .onConflictDoNothing({ target: [charges.apiKey, charges.orderNo] })
    .returning();
  if (!charge) {
    // docs/providers.md §1.7 names two candidates (PAYMENT_DUPLICATION_ORDER_NO and
    // PAYMENT_EXISTING_PAYMENT) without saying which the bill API returns [unconfirmed]. The
    // sandbox answers PAYMENT_DUPLICATION_ORDER_NO whatever became of the first charge; a client
    // must read either as "look the order up", never as a failure.
    throw fail(
      200,
      "PAYMENT_DUPLICATION_ORDER_NO",
      `이미 사용된 주문번호입니다. (orderNo: ${input.orderNo})`,
    );
  }

  if (decline) {
    if (input.sendFailPush !== false) await recordFailPush(ctx, key.billingKey, charge.id);
    throw fail(200, decline.errorCode, decline.msg);
  }

  if (instrument.behavior === "slow") {
    // The charge is made; only the answer is late. Stops waiting if the client hangs up.
    await sleep(SLOW_CHARGE_RESPONSE_MS, ctx.signal);
  }

  const approvedTransactionId = transactionId ?? "";
  return {
    code: 0,
    mode: "TEST",
    orderNo: charge.orderNo,
    approvalTime: formatKst(ctx.now),
    amount: charge.amount,
    payMethod: charge.payMethod,
    payToken: charge.payToken,
    transactionId: approvedTransactionId,
    discountedAmount: 0,
    paidAmount: charge.amount,
    ...(fields.payMethod === "CARD"
      ? {
          cardCompanyName: fields.cardCompanyName,
          cardCompanyCode: fields.cardCompanyCode,
          // Test approvals always carry 00000000 (docs-pay bill).
          cardAuthorizationNo: "00000000",
          salesCheckLinkUrl: salesCheckLink(ctx.baseUrl, charge.payToken, approvedTransactionId),
          spreadOut,
          noInterest: false,
          cardUserType: fields.cardUserType,
          cardMethodType: fields.cardMethodType,
          cardNumber: fields.cardNumber,
          cardNum4Print: fields.cardNum4Print,
          cardBinNumber: fields.cardBinNumber,
        }
      : {
          accountBankCode: fields.accountBankCode,
          accountBankName: fields.accountBankName,
          accountNumber: fields.accountNumber,
        }),
  };
};

async function recordFailPush(ctx: SandboxContext, billingKey: string, chargeId: string) {
  const hourAgo = new Date(ctx.now.getTime() - FAIL_PUSH_INTERVAL_MS);
  const [sent] = await ctx.db
    .update(billingKeys)
    .set({ lastFailPushAt: ctx.now })
    .where(
      and(
        eq(billingKeys.billingKey, billingKey),
        or(isNull(billingKeys.lastFailPushAt), lt(billingKeys.lastFailPushAt, hourAgo)),
      ),
    )
    .returning({ billingKey: billingKeys.billingKey });
  if (sent)
    await ctx.db.update(charges).set({ failPushSent: true }).where(eq(charges.id, chargeId));
}
