import type { Executor } from "@/lib/db/client";

// The billing engine's single call site into the notifications outbox (lib/notifications).
// Every notice is written inside the transaction that makes the change it reports, with a
// dedupe key derived from what caused it, so a re-run or a retried step never notifies twice.
//
// TODO(notifications): wire to `enqueueNotification(tx, { userId, subscriptionId, kind,
// dedupeKey, data, now })` from lib/notifications/enqueue-notification.ts once it is committed;
// until then this records nothing. The data shapes below follow its templates.

type When = Date | string;

export type EndReason =
  | "customer_canceled"
  | "admin_canceled"
  | "trial_not_converted"
  | "price_consent_missing"
  | "unpaid"
  | "incomplete_expired";

export type BillingNotice =
  | {
      kind: "receipt";
      data: {
        planName: string;
        amount: number; // KRW
        orderId: string;
        approvedAt: When;
        receiptUrl?: string | null;
        description?: string;
        periodStart?: When | null;
        periodEnd?: When | null;
        nextChargeAt?: When | null;
      };
    }
  | {
      kind: "payment_failed";
      data: {
        planName: string;
        amount: number; // KRW
        reason: string; // the provider's reason in Korean
        nextRetryAt?: When | null;
        accessUntil?: When | null;
      };
    }
  | {
      kind: "payment_recovered";
      data: {
        planName: string;
        amount: number; // KRW
        receiptUrl?: string | null;
        nextChargeAt?: When | null;
      };
    }
  | {
      kind: "action_required";
      data: {
        planName: string;
        reason: string;
        amountDue?: number | null; // KRW
        accessUntil?: When | null;
      };
    }
  | {
      kind: "subscription_ended";
      data: { planName: string; reason: EndReason; endedAt: When };
    };

export type NotifyInput = BillingNotice & {
  userId: string;
  subscriptionId: string;
  // From durable state: "<kind>:<attempt id>", "<kind>:<subscription id>:<period>".
  dedupeKey: string;
  now: Date;
};

export async function notifyCustomer(tx: Executor, input: NotifyInput): Promise<void> {
  void tx;
  void input;
}

/** "receipt:<attempt id>": one notification per cause. */
export function noticeKey(kind: BillingNotice["kind"], ...cause: (string | number)[]): string {
  return [kind, ...cause].join(":");
}
