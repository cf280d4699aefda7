// One provider type for every billing-key provider we support (docs/providers.md §1–§3). The engine
// and the storefront only ever see these shapes; each provider folder converts its raw answers
// into them, so raw provider fields never leave lib/payments/<provider>/.
//
// How the three providers fit the verbs:
// | verb                 | Toss Pay                          | Toss Payments                     | PortOne V2                          |
// |----------------------|-----------------------------------|-----------------------------------|-------------------------------------|
// | startRegistration    | server creates key → app links    | browser SDK params (customerKey)  | browser SDK params (customer id)    |
// | completeRegistration | /billing-key/status is ACTIVE     | issue key from redirect authKey   | GET /billing-keys/{key} is ISSUED   |
// | charge               | /billing-key/bill (orderNo)       | /v1/billing/{key} (orderId)       | /payments/{paymentId}/billing-key   |
// | lookUpCharge         | /api/v2/status {orderNo}          | /v1/payments/orders/{orderId}     | GET /payments/{paymentId}           |
// | refund               | /api/v2/refunds (refundNo)        | /v1/payments/{paymentKey}/cancel  | /payments/{paymentId}/cancel        |
// | getMethod            | /billing-key/status               | (none documented: stored details) | GET /billing-keys/{key}             |
// | removeMethod         | /billing-key/remove               | DELETE /v1/billing/{key}          | DELETE /billing-keys/{key}          |
// | parseEvent           | unsigned resultCallback           | unsigned webhook                  | Standard Webhooks (HMAC) webhook    |
import type { BrowserLaunch } from "@/lib/db/schema";

export type ProviderName = "toss_pay" | "toss_payments" | "portone";

/** Sandbox: the built-in emulator or a provider's test keys, no money moves. Live: real money. */
export type PaymentMode = "sandbox" | "live";

/**
 * docs/billing.md "Charging" step 3. What the caller may do next depends only on this:
 * - succeeded: done.
 * - declined: a definite no and nothing was charged (balance, limit, card); dunning may retry
 *   later under a new order id.
 * - unknown: we do not know whether it happened (timeout, 5xx, pending, duplicate order id).
 *   Never a failure: look the order id up, never re-send under a new id.
 * - needs_new_method: the billing key itself is unusable; ask the customer to link a new one.
 * - config_error: our configuration or request is wrong (API key, merchant contract, invalid
 *   parameters); nothing was charged and the customer cannot fix it.
 */
export type Outcome = "succeeded" | "declined" | "unknown" | "needs_new_method" | "config_error";
export type FailureOutcome = Exclude<Outcome, "succeeded">;

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The provider's answer as received, for the jsonb columns (charge_attempts.raw_response,
 * refunds.raw_response, provider_events.payload). Billing keys are removed from it, including
 * where a provider embeds them in URLs. For transport failures it describes what happened.
 */
export type RawResponse = { [key: string]: JsonValue } | null;

type Described = {
  // The provider's error code (Toss Pay errorCode, PortOne type), or ours for what the
  // provider never answered: TIMEOUT, NETWORK_ERROR, HTTP_503, INVALID_RESPONSE,
  // INVALID_REQUEST, MODE_MISMATCH… null on success.
  code: string | null;
  // Precise, in English, for logs, admins and error_message columns.
  merchantMessage: string;
  // Natural Korean, safe to show the customer.
  customerMessage: string;
  raw: RawResponse;
};

export type Failure = Described & { outcome: FailureOutcome };

/** One row of a provider's error table (lib/payments/<provider>/error-codes.ts). */
export type ErrorRule = {
  category: FailureOutcome;
  meaning: string; // for merchants, English
  customerMessage: string; // for customers, Korean
};
export type Success<T> = Described & { outcome: "succeeded" } & T;
export type Result<T> = Success<T> | Failure;

// ---------------------------------------------------------------------------------------------
// Payment methods

export type CardType = "credit" | "check" | "prepaid";

/** Display details only; providers mask numbers before we see them. Mirrors payment_methods. */
export type MethodDetails =
  | {
      kind: "card";
      cardCompany: string | null; // "신한"
      cardCompanyCode: string | null; // the provider's own code, e.g. Toss Pay "1"
      maskedNumber: string | null; // "531764******410*"
      cardType: CardType | null;
    }
  | {
      kind: "account";
      bankCode: string | null; // 3 digits, zero-padded: "088"
      bankName: string | null;
      maskedAccountNumber: string | null; // "110******676"
    }
  | { kind: "toss_money" };

/** Same values as the payment_method_status enum, minus "replaced", which only we decide. */
export type MethodStatus = "pending" | "active" | "removed" | "failed";

/** How the provider knows the customer. Opaque ids only: never an email or phone number. */
export type CustomerRef = {
  // Toss Pay userId, Toss Payments customerKey, PortOne customer.customerId.
  providerCustomerId: string;
  // Toss Pay displayId (lets one merchant hold several keys, docs/providers.md §1.3); must be sent
  // again on every status call when used. Ignored by the other providers.
  providerDisplayId?: string | undefined;
};

// ---------------------------------------------------------------------------------------------
// Registration

/**
 * The kind of method the customer picked at checkout, for a provider that registers more than
 * one through the same window (Toss Payments: card, or 퀵계좌이체 account). Providers that
 * register one kind only (Toss Pay, PortOne's Toss Pay channel) ignore it.
 */
export type RegistrationMethod = "card" | "account";

export type StartRegistrationInput = CustomerRef & {
  method?: RegistrationMethod | undefined;
  // Shown to the customer in the provider's app or window ("월간 구독 결제수단 등록").
  productDescription: string;
  // Server-to-server result URL (Toss Pay resultCallback, PortOne noticeUrls).
  callbackUrl: string;
  // Where the customer's browser returns.
  successUrl: string;
  failureUrl: string;
};

export type AppLinks = { web: string; android?: string | undefined; ios?: string | undefined };

/** What the customer does next to approve the registration. */
export type RegistrationStep =
  | {
      // Toss Pay: the key exists already, pending until the customer approves in the Toss app.
      kind: "app_links";
      billingKey: string; // store encrypted; never send to the browser
      links: AppLinks;
      expiresAt: Date;
    }
  | {
      // Toss Payments / PortOne: the page opens the provider's window; the browser comes back
      // to successUrl/failureUrl with a one-time code (Toss Payments authKey + customerKey) or
      // a billing key (PortOne), which the server confirms with completeRegistration. No key
      // exists yet, so nothing is stored but the pending row.
      kind: "browser";
      launch: BrowserLaunch;
      expiresAt: Date;
    };

export type StartRegistrationResult = Result<{ step: RegistrationStep }>;

export type CompleteRegistrationInput = CustomerRef & {
  // The key we already hold (Toss Pay: created at start) or the one a redirect or event named
  // (PortOne). It is only trusted once the provider confirms it.
  billingKey?: string | undefined;
  // Toss Payments: the one-time authKey from the success redirect.
  authKey?: string | undefined;
};

export type CompleteRegistrationResult =
  | Success<{ billingKey: string; method: MethodDetails | null }>
  // The customer has not approved yet (Toss Pay CREATE/AUTH); ask again later.
  | (Described & { outcome: "pending" })
  | Failure;

// ---------------------------------------------------------------------------------------------
// Charges and refunds

export type ChargeInput = {
  billingKey: string;
  customer: CustomerRef;
  // Deterministic, from durable state, recorded before the call (docs/billing.md "Charging"):
  // [A-Za-z0-9_-]{6,50} fits every provider. Never reused for a different charge.
  orderId: string;
  orderName: string; // what the customer sees on the receipt
  amount: number; // KRW, total
  amountTaxFree: number; // KRW, 0 for taxable goods
  amountVat?: number | undefined; // KRW; providers compute it when omitted
  // Ask the provider to issue a 현금영수증 of this kind for an account or Toss Money charge;
  // null or omitted = none. Only Toss Pay takes it (docs/receipts-and-tax.md).
  cashReceipt?: CashReceiptTradeOption | null | undefined;
  installmentMonths?: number | undefined; // 0 or omitted = lump sum
  // Who pays, for the provider's receipt and its notices to the customer (Toss Payments'
  // customerEmail / customerName). Providers that do not take them ignore them.
  payer?: Payer | undefined;
};

export type Payer = { email: string | null; name: string | null };

/** Toss Pay's cashReceiptTradeOption: 일반, 문화비, 대중교통 (docs/providers.md §1.4.3). */
export type CashReceiptTradeOption = "GENERAL" | "CULTURE" | "PUBLIC_TP";

export type ChargeDetails = {
  orderId: string;
  // Needed for refunds: Toss Pay payToken, Toss Payments paymentKey, PortOne paymentId.
  providerPaymentId: string;
  providerTransactionId: string | null;
  amount: number; // KRW, total approved
  approvedAt: Date | null;
  receiptUrl: string | null;
  method: MethodDetails | null;
  // True when the provider said no money moved (Toss Pay mode TEST, PortOne TEST channel).
  testMode: boolean;
};

export type ChargeResult = Result<{ charge: ChargeDetails }>;

export type ChargeTransaction = {
  kind: "payment" | "refund";
  transactionId: string | null;
  amount: number; // KRW, positive for both kinds
  at: Date | null;
};

export type LookUpChargeInput = { orderId: string };

export type ChargeLookup =
  | Success<{
      charge: ChargeDetails & {
        refundedAmount: number; // KRW, sum of refunds so far
        refundableAmount: number | null; // KRW, what can still be refunded, when told
        transactions: ChargeTransaction[];
      };
    }>
  // The provider has no payment under this order id: nothing was charged under it.
  | (Described & { outcome: "not_found" })
  // declined here means a payment existed but ended without money moving (Toss Pay PAY_CANCEL);
  // unknown means it is still running or the provider could not be asked.
  | Failure;

export type RefundInput = {
  orderId: string; // PortOne refunds by paymentId (= our order id)
  providerPaymentId: string; // Toss Pay payToken, Toss Payments paymentKey
  // Ours, unique, [A-Za-z0-9_-]{1,36}; re-sent unchanged on a retry so the provider never
  // refunds twice.
  refundNo: string;
  amount?: number | undefined; // KRW; omitted = everything still refundable
  amountTaxFree?: number | undefined; // KRW part of `amount`
  // KRW the charge had left to refund before this refund, as we recorded it (every refund of a
  // charge runs one at a time). PortOne's currentCancellableAmount: a resend of a refund that
  // went through meets a changed balance instead of refunding twice. Others ignore it.
  refundableBefore?: number | undefined;
  reason: string;
};

export type RefundDetails = {
  refundNo: string;
  providerTransactionId: string | null;
  refundedAmount: number | null; // KRW, positive; null when the provider did not say
  refundableAmount: number | null; // KRW left after this refund, when told
  refundedAt: Date | null;
};

// Refund failures are declined, unknown (resend with the same refundNo) or config_error.
export type RefundResult = Result<{ refund: RefundDetails }>;

// ---------------------------------------------------------------------------------------------
// Method details, removal, events

export type MethodInput = CustomerRef & { billingKey: string };

export type MethodLookup =
  | Result<{ status: MethodStatus; method: MethodDetails | null }>
  // The provider documents no way to read a stored key back (Toss Payments, docs/providers.md
  // §2.3.1): the details we stored are all there is, and an event about the key cannot be
  // confirmed by asking. Nothing failed; callers keep what they have.
  | (Described & { outcome: "not_supported" });

export type RemovalResult = Result<{ alreadyRemoved: boolean }>;

export type EventInput = { rawBody: string; headers: Headers };

export type ProviderEventType =
  | "registration_completed" // Toss Pay ACTIVATED, PortOne BillingKey.Issued
  | "registration_failed" // PortOne BillingKey.Failed
  | "method_removed" // Toss Pay REMOVED, PortOne BillingKey.Deleted, Toss Payments BILLING_DELETED
  | "method_updated" // PortOne BillingKey.Updated
  | "charge_updated" // PortOne Transaction.*, Toss Payments PAYMENT_STATUS_CHANGED
  | "ignored"; // a type we do not act on

export type ProviderEvent = {
  type: ProviderEventType;
  providerType: string; // as the provider named it: "ACTIVATED", "BillingKey.Issued"
  // True only when a signature was checked (PortOne). An unverified event is a trigger: confirm
  // with the provider (completeRegistration, getMethod, lookUpCharge) before acting on it.
  verified: boolean;
  // Same value for every redelivery of the same event (provider_events.dedupe_key).
  dedupeKey: string;
  occurredAt: Date | null;
  billingKey: string | null; // to find our row by fingerprint; never store or log it
  customer: CustomerRef | null;
  orderId: string | null;
  payload: RawResponse; // the body without billing keys, for provider_events.payload
};

export type EventParseResult =
  | { ok: true; event: ProviderEvent }
  // refuse: the delivery failed its signature check (PortOne): answered 4xx and not recorded,
  // since anyone can send one. Otherwise a malformed body is logged for the merchant.
  | { ok: false; reason: string; refuse?: boolean };

// An event read back from provider_events (an admin re-runs it). The log never holds a billing
// key, so the provider says what its logged fields still tell: the key's fingerprint and who.
export type LoggedEventInput = { providerType: string; dedupeKey: string; payload: unknown };

export type LoggedEvent =
  | {
      ok: true;
      type: ProviderEventType;
      billingKeyFingerprint: string | null;
      providerCustomerId: string | null;
    }
  | { ok: false; reason: string };

// ---------------------------------------------------------------------------------------------

export type PaymentProvider = {
  name: ProviderName;
  mode: PaymentMode;
  startRegistration: (input: StartRegistrationInput) => Promise<StartRegistrationResult>;
  completeRegistration: (input: CompleteRegistrationInput) => Promise<CompleteRegistrationResult>;
  charge: (input: ChargeInput) => Promise<ChargeResult>;
  lookUpCharge: (input: LookUpChargeInput) => Promise<ChargeLookup>;
  refund: (input: RefundInput) => Promise<RefundResult>;
  getMethod: (input: MethodInput) => Promise<MethodLookup>;
  removeMethod: (input: MethodInput) => Promise<RemovalResult>;
  parseEvent: (input: EventInput) => Promise<EventParseResult>;
  readLoggedEvent: (input: LoggedEventInput) => LoggedEvent;
  // How the provider knows the customer, from our opaque users.providerCustomerId and the new
  // registration's row id. Absent: one id per registration (lib/payment-methods/
  // start-registration.ts registrationCustomerId, what Toss Pay needs). Toss Payments wants
  // one customerKey per customer, reused for all of that customer's keys (§2.2).
  customerIdFor?: (customerId: string, registrationId: string) => string;
};
