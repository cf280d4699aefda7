import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  details,
  flag,
  krw,
  textRef,
  timestamptz,
  uuidPrimaryKey,
  uuidRef,
  writtenAt,
  zeroCount,
} from "./columns";
import { users } from "./auth";
import { cashReceiptTradeOption } from "./charges";
import { paymentProvider } from "./payment-methods";
import { plans } from "./plans";
import { subscriptions } from "./subscriptions";

// Every callback and webhook a provider sends, stored before it is acted on.
export const providerEvents = pgTable(
  "provider_events",
  {
    id: uuidPrimaryKey(),
    provider: paymentProvider().notNull(),
    eventType: text().notNull(),
    // Provider event id, or billing key fingerprint + action + timestamp where the provider
    // has no event id (Toss Pay callbacks): a redelivery maps to the same key.
    dedupeKey: text().notNull(),
    payload: jsonb().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    sourceIp: text(),
    // Whether the event was confirmed with the provider (signature or re-fetch).
    verified: flag(),
    // What processing did: "activated payment method …", "ignored: unknown key", …
    outcome: text(),
    error: text(),
    deliveries: integer().notNull().default(1),
    receivedAt: writtenAt(),
    lastReceivedAt: writtenAt(),
    processedAt: timestamptz(),
  },
  (t) => [
    uniqueIndex("provider_events_dedupe_key").on(t.provider, t.dedupeKey),
    index("provider_events_received_idx").on(t.receivedAt, t.id),
    // The event log's rare states (lib/admin/events.ts), newest first: a partial index each, so
    // their page and count read only their own rows.
    index("provider_events_unverified_idx")
      .on(t.receivedAt, t.id)
      .where(sql`not ${t.verified}`),
    index("provider_events_unprocessed_idx")
      .on(t.receivedAt, t.id)
      .where(sql`${t.processedAt} is null`),
    index("provider_events_error_idx")
      .on(t.receivedAt, t.id)
      .where(sql`(${t.error} is not null or ${t.outcome} like 'error:%')`),
    index("provider_events_rejected_idx")
      .on(t.receivedAt, t.id)
      .where(sql`${t.eventType} = 'invalid'`),
  ],
);

export const notificationKind = pgEnum("notification_kind", [
  "payment_method_linked",
  "receipt",
  "payment_failed",
  "payment_recovered",
  "action_required",
  "trial_ending",
  "consent_request",
  "subscription_canceled",
  "subscription_ended",
  "refund_issued",
  // Account emails: the address-verification link, and the notice to an existing account's
  // owner that someone tried to sign up with their address.
  "email_verification",
  "sign_up_attempt",
  // An unconfirmable provider event says the method's key was deleted (report-method-removal.ts).
  "payment_method_removal_reported",
  // Getting back in (lib/auth/): the reset link, the link that confirms a new address (sent to
  // that address, `recipient`), and the notice of the change to the old one.
  "password_reset",
  "email_change_verification",
  "email_change_notice",
]);

export const notificationStatus = pgEnum("notification_status", [
  "pending",
  "sent",
  "failed",
  "skipped",
]);

// Outbox: written in the same transaction as the change it reports, delivered afterwards.
export const notifications = pgTable(
  "notifications",
  {
    id: uuidPrimaryKey(),
    userId: textRef(() => users.id, "cascade").notNull(),
    subscriptionId: uuidRef(() => subscriptions.id, "set null"),
    kind: notificationKind().notNull(),
    // Derived from what caused it (e.g. the charge attempt id), so a retried step never
    // notifies twice.
    dedupeKey: text().notNull(),
    channel: text().notNull().default("email"),
    // Sent here instead of the user's current address: a new address being confirmed, or the
    // old one told of the change. Null: the user's address at delivery time.
    recipient: text(),
    subject: text().notNull(),
    body: text().notNull(),
    data: details(),
    status: notificationStatus().notNull().default("pending"),
    attempts: zeroCount(),
    lastError: text(),
    sendAfter: writtenAt(),
    sentAt: timestamptz(),
    readAt: timestamptz(),
    createdAt: writtenAt(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.createdAt),
    // The admin outbox list (newest first) and a subscription's timeline in admin.
    index("notifications_created_idx").on(t.createdAt, t.id),
    index("notifications_status_created_idx").on(t.status, t.createdAt, t.id),
    index("notifications_subscription_idx").on(t.subscriptionId, t.createdAt),
    index("notifications_pending_idx")
      .on(t.sendAfter)
      .where(sql`${t.status} = 'pending'`),
  ],
);

// recurring_billing: the customer's agreement to automatic charges when linking a method.
// price_increase / trial_conversion: 전자상거래법 시행령 (2025-02-14) consent, docs/billing.md.
export const consentKind = pgEnum("consent_kind", [
  "recurring_billing",
  "price_increase",
  "trial_conversion",
]);
export const consentStatus = pgEnum("consent_status", [
  "requested",
  "accepted",
  "declined",
  "expired",
]);

export const consents = pgTable(
  "consents",
  {
    id: uuidPrimaryKey(),
    userId: textRef(() => users.id, "cascade").notNull(),
    subscriptionId: uuidRef(() => subscriptions.id, "cascade"),
    planId: uuidRef(() => plans.id, "set null"),
    kind: consentKind().notNull(),
    status: consentStatus().notNull().default("requested"),
    oldAmount: integer(), // KRW
    newAmount: krw(),
    // The charge this consent is about (renewal date or trial end).
    effectiveAt: timestamptz(),
    // The exact wording shown to the customer, kept as evidence.
    wording: text().notNull(),
    requestedAt: writtenAt(),
    respondedAt: timestamptz(),
    // "web", "email", "admin"
    responseChannel: text(),
    responseIp: text(),
    responseUserAgent: text(),
    createdAt: writtenAt(),
  },
  (t) => [
    index("consents_subscription_idx").on(t.subscriptionId, t.kind, t.requestedAt),
    index("consents_user_idx").on(t.userId),
    // One open request of a kind per subscription at a time.
    uniqueIndex("consents_one_open_request")
      .on(t.subscriptionId, t.kind)
      .where(sql`${t.status} = 'requested'`),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuidPrimaryKey(),
    actorUserId: textRef(() => users.id, "set null"),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    createdAt: writtenAt(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt, t.id),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
  ],
);

export const consentFallbackPolicy = pgEnum("consent_fallback_policy", [
  // docs/billing.md default: renew once more at the old price and ask again.
  "renew_at_old_price",
  "cancel_at_period_end",
]);

// 청약철회 (docs/cancellation-and-withdrawal.md): whether a subscription the merchant has marked
// as used (subscriptions.service_used_at) may still be withdrawn.
export const withdrawalUsePolicy = pgEnum("withdrawal_use_policy", [
  "regardless_of_use",
  "unused_only",
]);

// A single row (id = 1) of merchant-editable settings; defaults follow docs/billing.md.
export const merchantSettings = pgTable(
  "merchant_settings",
  {
    id: integer().primaryKey().default(1),
    // What 전자상거래법 §10 requires an online seller to show (the storefront footer).
    businessName: text().notNull().default("구독 스토어"),
    representativeName: text(),
    businessRegistrationNumber: text(),
    mailOrderRegistrationNumber: text(),
    businessAddress: text(),
    supportEmail: text(),
    supportPhone: text(),
    // Days after the first failed renewal on which to retry (docs/billing.md: D+1, D+3, D+5, D+7).
    dunningRetryDays: integer()
      .array()
      .notNull()
      .default(sql`'{1,3,5,7}'::integer[]`),
    unpaidCancelAfterDays: integer().notNull().default(14),
    incompleteExpiryHours: integer().notNull().default(23),
    consentFallbackPolicy: consentFallbackPolicy().notNull().default("renew_at_old_price"),
    // Upper bound on concurrent charge requests the cron sends to a provider.
    chargeConcurrency: integer().notNull().default(8),
    // The providers the checkout offers, in the order shown. Configured (keys, base URL) per
    // provider in lib/payments/<provider>/config.ts; enabling one here only offers it.
    // 현금영수증 for account and Toss Money charges: whether to ask the provider to issue one,
    // and of which kind (docs/receipts-and-tax.md).
    cashReceiptIssue: flag(),
    cashReceiptTradeOption: cashReceiptTradeOption().notNull().default("GENERAL"),
    enabledProviders: paymentProvider()
      .array()
      .notNull()
      .default(sql`'{toss_pay}'::payment_provider[]`),
    // 청약철회: days after the first charge's approval (Seoul calendar days, inclusive).
    withdrawalDays: integer().notNull().default(7),
    withdrawalUsePolicy: withdrawalUsePolicy().notNull().default("regardless_of_use"),
    // "지금 해지하고 남은 기간 환불" after the withdrawal window (off: cancel at period end only).
    proratedCancelRefund: flag(),
    updatedAt: writtenAt(),
  },
  (t) => [check("merchant_settings_singleton", sql`${t.id} = 1`)],
);

export const cronRunStatus = pgEnum("cron_run_status", ["running", "succeeded", "failed"]);

// One row per cron invocation: the admin dashboard's health figure and a record of overlap.
export const cronRuns = pgTable(
  "cron_runs",
  {
    id: uuidPrimaryKey(),
    job: text().notNull(),
    status: cronRunStatus().notNull().default("running"),
    startedAt: writtenAt(),
    finishedAt: timestamptz(),
    summary: jsonb().$type<Record<string, unknown>>(),
    error: text(),
  },
  (t) => [index("cron_runs_job_started_idx").on(t.job, t.startedAt)],
);

// Fixed-window counters for throttling public endpoints (sign-up per address and globally,
// registration starts per customer, provider status checks per payment method):
// lib/rate-limit/consume-rate-limit.ts. Keys are hashed; rows past their window are pruned.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    count: zeroCount(),
    windowStartedAt: timestamptz().notNull(),
    windowEndsAt: timestamptz().notNull(),
  },
  (t) => [index("rate_limits_window_ends_idx").on(t.windowEndsAt)],
);

export type MerchantSettings = typeof merchantSettings.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
