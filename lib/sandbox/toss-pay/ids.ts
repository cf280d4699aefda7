import { randomUUID } from "node:crypto";
import { randomBase62 } from "@/lib/sandbox/shared/random-id";

// Real billing keys and pay tokens are 22 base62 characters ("8JZBi0gmKZlfxaV4Zm4762",
// "0PxriKdAz8Nsj7j5ZVO94b"), well inside the documented ≤50 and ≤30.
export const newBillingKey = () => randomBase62(22);
export const newPayToken = () => randomBase62(22);
// 128+ bits: the checkout link is the only thing that lets a browser approve a key.
export const newCheckoutToken = () => randomBase62(32);
// transactionId is ≤36 and the docs' examples are UUIDs.
export const newTransactionId = () => randomUUID();
