import { randomBytes, randomUUID } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Unbiased: bytes ≥ 248 are dropped rather than folded onto the first characters.
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

// Real billing keys and pay tokens are 22 base62 characters ("8JZBi0gmKZlfxaV4Zm4762",
// "0PxriKdAz8Nsj7j5ZVO94b"), well inside the documented ≤50 and ≤30.
export const newBillingKey = () => randomBase62(22);
export const newPayToken = () => randomBase62(22);
// 128+ bits: the checkout link is the only thing that lets a browser approve a key.
export const newCheckoutToken = () => randomBase62(32);
// transactionId is ≤36 and the docs' examples are UUIDs.
export const newTransactionId = () => randomUUID();
