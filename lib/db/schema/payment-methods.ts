import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { flag, textRef, timestamps, timestamptz, uuidPrimaryKey } from "./columns";
import { users } from "./auth";

export const paymentProvider = pgEnum("payment_provider", ["toss_pay", "toss_payments", "portone"]);

// pending: registration started, the customer has not approved yet (Toss Pay key in CREATE).
// active: usable for charges; at most one per customer.
// replaced: superseded by a newer active method (the old key is removed at the provider).
// removed: deleted by the customer, an admin, or the provider (Toss Pay REMOVED callback).
// failed: the registration was cancelled, expired or rejected.
export const paymentMethodStatus = pgEnum("payment_method_status", [
  "pending",
  "active",
  "replaced",
  "removed",
  "failed",
]);

export const paymentMethodKind = pgEnum("payment_method_kind", ["card", "account", "toss_money"]);

export const cardMethodType = pgEnum("card_method_type", ["credit", "check", "prepaid"]);

export type CheckoutLinks = {
  web: string;
  android?: string | undefined;
  ios?: string | undefined;
};

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * How the page opens a browser-SDK provider's window: what the step says, nothing provider
 * specific in the page (components/payment-methods/provider-window.tsx). Safe for the browser:
 * client keys, ids and URLs only.
 */
export type BrowserLaunch =
  | {
      // Load the provider's script, then call through the global it defines, each call made on
      // the previous one's result. Toss Payments: [TossPayments(clientKey),
      // .payment({ customerKey }), .requestBillingAuth({ method, successUrl, failUrl })];
      // PortOne: [PortOne.requestIssueBillingKey({ storeId, channelKey, redirectUrl, … })].
      // An answer the last call resolves with in the page (PortOne on desktop) is sent to the
      // success URL as query parameters; a rejection goes to the failure URL with its code.
      type: "script";
      scriptUrl: string;
      // Load the script through the provider's official npm loader instead of a plain script
      // tag (Toss Payments: @tosspayments/tosspayments-sdk's loadTossPayments(clientKey,
      // { src: scriptUrl })). The loader stands for the first call: its answer is what the
      // remaining calls are made on. The sandbox's script is loaded the same way.
      // PortOne: @portone/browser-sdk/v2, whose requestIssueBillingKey uses the window.PortOne
      // that scriptUrl defines (the official CDN script live, the sandbox's copy otherwise).
      loader?: "tosspayments-sdk" | "portone-browser-sdk";
      calls: { path: string; args: JsonValue[] }[];
    }
  | {
      // Send the browser to the provider's own page (GET with these query parameters).
      type: "redirect";
      url: string;
      params: { [key: string]: string };
    };

/**
 * A browser-SDK registration (Toss Payments, PortOne): how the page opens the provider's window
 * and where the browser comes back. Not secret (client keys, ids, URLs).
 */
export type BrowserCheckout = {
  kind: "browser";
  launch: BrowserLaunch;
  successUrl: string;
  failureUrl: string;
};

export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: uuidPrimaryKey(),
    userId: textRef(() => users.id, "restrict").notNull(),
    provider: paymentProvider().notNull(),
    // The id the provider knows the customer by (Toss Pay userId, PortOne customer id).
    // Opaque: copied from users.providerCustomerId, or a per-registration variant of it
    // when the provider needs a fresh one (Toss Pay displayId rules, docs/providers.md §1.3).
    providerCustomerId: text().notNull(),
    providerDisplayId: text(),
    // AES-256-GCM ciphertext of the billing key, base64: [version byte | iv | tag | data],
    // with this row's id as associated data (lib/crypto/billing-key-cipher.ts).
    billingKeyCiphertext: text(),
    // SHA-256 of the billing key, hex (lib/crypto/billing-key-cipher.ts): lets a callback or
    // webhook find its row without decrypting every key.
    billingKeyFingerprint: text(),
    status: paymentMethodStatus().notNull().default("pending"),
    kind: paymentMethodKind(),
    // Display details only; the provider masks the numbers before we see them.
    cardCompany: text(),
    cardCompanyCode: text(),
    cardNumberMasked: text(),
    cardMethodType: cardMethodType(),
    bankCode: text(),
    bankName: text(),
    accountNumberMasked: text(),
    // Where the customer approves (Toss app links, or a browser-SDK provider's window); not
    // secret, expire with the registration.
    checkoutLinks: jsonb().$type<CheckoutLinks | BrowserCheckout>(),
    registrationExpiresAt: timestamptz(),
    failureCode: text(),
    failureMessage: text(),
    activatedAt: timestamptz(),
    removedAt: timestamptz(),
    // The provider reported the key deleted through an unsigned event it offers no way to
    // confirm (Toss Payments BILLING_DELETED, docs/providers.md §2.6): the method stays active
    // and the customer is asked to check it, until the next charge's answer confirms the removal
    // (then status becomes removed) or shows the key still works (then this is cleared).
    removalReportedAt: timestamptz(),
    // When display details were last refreshed from the provider (customer page cache).
    lastSyncedAt: timestamptz(),
    keyVersion: smallint(),
    // Registered against a sandbox (the built-in emulator or a provider's test key): no money
    // can ever move through it. Set from the provider's mode when the registration starts.
    testMode: flag(),
    ...timestamps(),
  },
  (t) => [
    // One usable method per customer: a new one becomes active in the same transaction that
    // marks the old one replaced.
    uniqueIndex("payment_methods_one_active_per_user")
      .on(t.userId)
      .where(sql`${t.status} = 'active'`),
    uniqueIndex("payment_methods_fingerprint_key").on(t.provider, t.billingKeyFingerprint),
    index("payment_methods_user_idx").on(t.userId, t.createdAt),
    // The registration sweeper looks for registrations stuck before approval.
    index("payment_methods_pending_idx")
      .on(t.registrationExpiresAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export type PaymentMethod = typeof paymentMethods.$inferSelect;
