// Order ids are derived from durable state (docs/billing.md "Charging" step 2), so a crashed or
// retried worker recomputes the same id for the same attempt and can never send a second
// charge for it under another name. Format (≤ 50 chars of [A-Za-z0-9_-], ≥ 6, which fits Toss
// Pay orderNo, Toss Payments orderId and PortOne paymentId):
//
//   sub_<32 hex of the subscription uuid>_p<period>_a<attempt>       (period charges)
//   sub_<32 hex>_p<period>_u<attempt>                                 (upgrade prorations)
//
// e.g. "sub_3f2a…9c_p12_a2" is the second attempt to pay period 12.

const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{6,50}$/;

export type ChargePurpose = "period" | "proration";

export function orderIdFor(input: {
  subscriptionId: string;
  periodNumber: number;
  attemptNumber: number;
  purpose: ChargePurpose;
}): string {
  const hex = input.subscriptionId.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error("subscriptionId must be a uuid");
  for (const n of [input.periodNumber, input.attemptNumber]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError("period/attempt must be >= 0");
  }
  const tag = input.purpose === "period" ? "a" : "u";
  const id = `sub_${hex}_p${input.periodNumber}_${tag}${input.attemptNumber}`;
  if (!ORDER_ID_PATTERN.test(id)) throw new RangeError(`order id too long: ${id.length} chars`);
  return id;
}
