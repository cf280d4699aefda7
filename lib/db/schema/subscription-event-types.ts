// What a subscription_events row records (its `type`). The column is text, not a pg enum, so a
// new type needs no migration; the union makes every writer checked by tsc, and the label map
// (lib/format/subscription-event-labels.ts) is a Record over it, so a type without a Korean
// label does not compile.
export const SUBSCRIPTION_EVENT_TYPES = [
  // State transitions (lib/billing/subscription-transitions.ts); `created` by checkout.
  "created",
  "trial_started",
  "period_paid",
  "payment_declined",
  "payment_method_unusable",
  "dunning_exhausted",
  "cancel_requested",
  "resumed",
  "ended",
  // Payment methods.
  "payment_method_linked",
  "payment_method_removed",
  // Fair trials: the linked instrument had its trial on another account, so the subscription
  // waits for the customer's "유료로 시작하기" (paid_start_offers), then for its first charge.
  "trial_refused_instrument",
  "paid_start_confirmed",
  // Charges that need a person, or a misconfigured provider.
  "charge_needs_review",
  "charge_config_error",
  // Admin actions on a subscription.
  "free_period_granted",
  "admin_charge_retry",
  "billing_date_moved",
  // Plan changes (upgrade and interval change charge a proration; downgrade waits for renewal).
  "plan_switched",
  "plan_upgraded",
  "plan_interval_changed",
  "plan_downgraded",
  "plan_change_scheduled",
  "plan_change_canceled",
  "plan_change_failed",
  "plan_change_needs_review",
  // Written before plan_change_charges existed (migration 0007 backfilled the table from
  // them); old rows still carry it.
  "plan_change_charge_reserved",
  // Consent to a price rise or a trial turning paid.
  "consent_requested",
  "consent_accepted",
  "consent_declined",
  "consent_withdrawn",
  "consent_expired",
  "price_change_applied",
  "renewal_price_kept",
] as const;

export type SubscriptionEventType = (typeof SUBSCRIPTION_EVENT_TYPES)[number];
