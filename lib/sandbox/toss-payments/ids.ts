import { randomBytes } from "node:crypto";
import { randomBase62 } from "@/lib/sandbox/shared/random-id";

// Identifier shapes after the docs' examples (docs/providers.md §2.3). Real billing keys are
// 43–44-character base64-like strings that can contain `=`; the sandbox's do too (base64url plus
// padding), so a client that forgets to URL-encode the key in the path is caught here.
export const newBillingKey = () => `${randomBytes(32).toString("base64url")}=`;
// paymentKey ≤ 200; the docs' examples are like "5zJ4xY7m0kODnyRpQWGrN2xqGlNvLrKwv1M9ENjbeoPaZdL6".
export const newPaymentKey = () => `tsbx${randomBase62(46)}`;
export const newTransactionKey = () => randomBase62(32);
// authKey ≤ 300 (docs/providers.md §2.2); 128+ bits, the one thing that turns into a key.
export const newAuthKey = () => `bln_${randomBase62(40)}`;
// The window's capability in its URL.
export const newWindowToken = () => randomBase62(32);
