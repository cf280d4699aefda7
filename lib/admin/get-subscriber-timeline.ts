import { and, desc, eq, gte, ne } from "drizzle-orm";
import type { PgColumn, PgSelect } from "drizzle-orm/pg-core";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  consents,
  notifications,
  paymentMethods,
  refunds,
  subscriptionEvents,
  subscriptions,
  type ChargeAttempt,
  type Notification,
  type Refund,
  type SubscriptionEventType,
} from "@/lib/db/schema";
import { redact } from "@/lib/payments/redact";
import type { Consent } from "@/lib/billing/consent-requests";
import { methodDisplayColumns, type MethodDisplay } from "./get-subscriber-detail";

// Everything that happened to one subscription, newest first: its state changes and notes
// (subscription_events), every charge attempt with the provider's raw answer, refunds, consent
// requests with the wording shown, notifications, and the customer's payment-method
// registrations. Each source is read with its own index and capped; the merge is of at most a
// few hundred rows that are all shown.

const PER_SOURCE_LIMIT = 200;

/** A source's newest rows by `column`, at most PER_SOURCE_LIMIT of them. */
function newest<Query extends PgSelect>(query: Query, column: PgColumn) {
  return query.orderBy(desc(column)).limit(PER_SOURCE_LIMIT);
}
// A customer's method registrations from a day before the subscription started belong to it
// (the method is linked first, then the subscription is created).
const METHOD_LOOKBACK_MS = 24 * 60 * 60 * 1000;

type Raw = ReturnType<typeof redact>;

export type TimelineEntry =
  | {
      kind: "event";
      id: string;
      at: Date;
      type: SubscriptionEventType;
      fromStatus: string | null;
      toStatus: string | null;
      actor: string;
      data: Record<string, unknown>;
    }
  | {
      kind: "charge";
      id: string;
      at: Date;
      attempt: Omit<ChargeAttempt, "rawResponse"> & { rawResponse: Raw };
    }
  | {
      kind: "refund";
      id: string;
      at: Date;
      refund: Omit<Refund, "rawResponse"> & { rawResponse: Raw; orderId: string };
    }
  | { kind: "consent"; id: string; at: Date; consent: Consent }
  | {
      kind: "notification";
      id: string;
      at: Date;
      notification: Pick<
        Notification,
        "kind" | "subject" | "status" | "attempts" | "lastError" | "sentAt" | "channel"
      >;
    }
  | { kind: "payment_method"; id: string; at: Date; method: MethodDisplay };

// Consent requests appear once, as the consent itself (with its wording and current answer).
const EVENTS_SHOWN_ELSEWHERE: readonly SubscriptionEventType[] = ["consent_requested"];

export async function getSubscriberTimeline(
  subscriptionId: string,
  executor: Executor = db(),
): Promise<TimelineEntry[]> {
  const [sub] = await executor
    .select({ userId: subscriptions.userId, createdAt: subscriptions.createdAt })
    .from(subscriptions)
    .where(eq(subscriptions.id, subscriptionId));
  if (!sub) return [];

  const [events, attempts, refundRows, consentRows, notificationRows, methods] = await Promise.all([
    newest(
      executor
        .select()
        .from(subscriptionEvents)
        .where(eq(subscriptionEvents.subscriptionId, subscriptionId))
        .$dynamic(),
      subscriptionEvents.createdAt,
    ),
    newest(
      executor
        .select()
        .from(chargeAttempts)
        .where(eq(chargeAttempts.subscriptionId, subscriptionId))
        .$dynamic(),
      chargeAttempts.createdAt,
    ),
    newest(
      executor
        .select({ refund: refunds, orderId: chargeAttempts.orderId })
        .from(refunds)
        .innerJoin(chargeAttempts, eq(chargeAttempts.id, refunds.chargeAttemptId))
        .where(eq(chargeAttempts.subscriptionId, subscriptionId))
        .$dynamic(),
      refunds.createdAt,
    ),
    newest(
      executor
        .select()
        .from(consents)
        .where(
          and(eq(consents.subscriptionId, subscriptionId), ne(consents.kind, "recurring_billing")),
        )
        .$dynamic(),
      consents.requestedAt,
    ),
    newest(
      executor
        .select()
        .from(notifications)
        .where(eq(notifications.subscriptionId, subscriptionId))
        .$dynamic(),
      notifications.createdAt,
    ),
    newest(
      executor
        .select(methodDisplayColumns)
        .from(paymentMethods)
        .where(
          and(
            eq(paymentMethods.userId, sub.userId),
            gte(paymentMethods.createdAt, new Date(sub.createdAt.getTime() - METHOD_LOOKBACK_MS)),
          ),
        )
        .$dynamic(),
      paymentMethods.createdAt,
    ),
  ]);

  const entries: TimelineEntry[] = [
    ...events
      .filter((e) => !EVENTS_SHOWN_ELSEWHERE.includes(e.type))
      .map((e): TimelineEntry => ({
        kind: "event",
        id: e.id,
        at: e.createdAt,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actor: e.actor,
        data: e.data,
      })),
    ...attempts.map((a): TimelineEntry => ({
      kind: "charge",
      id: a.id,
      at: a.createdAt,
      // Stored answers are already redacted; redacting again costs nothing and keeps a key
      // from ever reaching the page if a provider adds one somewhere unexpected.
      attempt: { ...a, rawResponse: redact(a.rawResponse) },
    })),
    ...refundRows.map(({ refund, orderId }): TimelineEntry => ({
      kind: "refund",
      id: refund.id,
      at: refund.createdAt,
      refund: { ...refund, rawResponse: redact(refund.rawResponse), orderId },
    })),
    ...consentRows.map((c): TimelineEntry => ({
      kind: "consent",
      id: c.id,
      at: c.requestedAt,
      consent: c,
    })),
    ...notificationRows.map((n): TimelineEntry => ({
      kind: "notification",
      id: n.id,
      at: n.createdAt,
      notification: {
        kind: n.kind,
        subject: n.subject,
        status: n.status,
        attempts: n.attempts,
        lastError: n.lastError,
        sentAt: n.sentAt,
        channel: n.channel,
      },
    })),
    ...methods.map((m): TimelineEntry => ({
      kind: "payment_method",
      id: m.id,
      at: m.createdAt,
      method: m,
    })),
  ];
  // Newest first; at the same instant, the order a reader expects (a charge before the state
  // change it caused reads backwards in a newest-first list, so the event comes first).
  const rank: Record<TimelineEntry["kind"], number> = {
    notification: 0,
    event: 1,
    refund: 2,
    consent: 3,
    charge: 4,
    payment_method: 5,
  };
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || rank[a.kind] - rank[b.kind]);
}
