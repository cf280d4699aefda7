import { randomBytes, randomUUID } from "node:crypto";
import { randomBase62 } from "@/lib/sandbox/shared/random-id";

// Identifier shapes after PortOne's console and examples (docs/providers.md §3): storeId
// `store-<uuid>`, channel keys `channel-key-<uuid>`, webhook secrets `whsec_<base64>`. Billing
// keys, transaction and cancellation ids are opaque strings; the sandbox's carry a prefix so a
// mixed-up value is easy to spot.
export const newStoreId = () => `store-${randomUUID()}`;
export const newMerchantId = () => `merchant-${randomUUID()}`;
export const newChannelKey = () => `channel-key-${randomUUID()}`;
export const newApiSecret = () => randomBase62(80);
// Standard Webhooks: the key is the base64 after the prefix; 24 random bytes like PortOne's.
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;
export const newBillingKey = () => `billing-key-${randomUUID()}`;
export const newTransactionId = () => randomUUID();
export const newCancellationId = () => randomUUID();
// Toss Pay's own ids behind the channel (pgTxId, pgCancellationId).
export const newPgTxId = () => `tosspay-${randomBase62(24)}`;
export const newIssuanceToken = () => randomBase62(32);
