import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { consents, plans, subscriptionEvents } from "@/lib/db/schema";

// What the account page shows about consents: open requests to answer and recent answers that
// can still be withdrawn or changed before their date (respondToConsent), with the exact
// wording that was sent.

export type ConsentForCustomer = {
  id: string;
  subscriptionId: string | null;
  kind: "price_increase" | "trial_conversion";
  status: "requested" | "accepted" | "declined" | "expired";
  // The plan whose price was asked about (a consent counts for that plan only).
  planId: string | null;
  planName: string | null;
  oldAmount: number | null; // KRW
  newAmount: number; // KRW
  effectiveAt: Date | null;
  wording: string;
  requestedAt: Date;
  respondedAt: Date | null;
  // True while the customer may still accept, decline or withdraw.
  answerable: boolean;
  // Declined by taking back an earlier yes ("동의를 철회했어요"), not by saying no at first.
  withdrawn: boolean;
};

/**
 * The consents among `ids` whose last answer took back an earlier yes: the row itself only says
 * "declined", the subscription's event log says how it got there (respond-to-consent.ts).
 */
async function withdrawnConsents(executor: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await executor
    .selectDistinctOn([sql`${subscriptionEvents.data}->>'consentId'`], {
      consentId: sql<string>`${subscriptionEvents.data}->>'consentId'`,
      type: subscriptionEvents.type,
    })
    .from(subscriptionEvents)
    .where(
      and(
        inArray(subscriptionEvents.type, [
          "consent_accepted",
          "consent_declined",
          "consent_withdrawn",
        ]),
        inArray(sql`${subscriptionEvents.data}->>'consentId'`, ids),
      ),
    )
    .orderBy(sql`${subscriptionEvents.data}->>'consentId'`, desc(subscriptionEvents.createdAt));
  return new Set(rows.filter((r) => r.type === "consent_withdrawn").map((r) => r.consentId));
}

export async function listConsentsForUser(
  userId: string,
  options: { now?: Date; limit?: number } = {},
  executor: Executor = db(),
): Promise<ConsentForCustomer[]> {
  const now = options.now ?? new Date();
  const rows = await executor
    .select({ consent: consents, planName: plans.name })
    .from(consents)
    .leftJoin(plans, eq(plans.id, consents.planId))
    .where(
      and(
        eq(consents.userId, userId),
        inArray(consents.kind, ["price_increase", "trial_conversion"]),
      ),
    )
    .orderBy(desc(consents.requestedAt))
    .limit(options.limit ?? 20);
  const withdrawn = await withdrawnConsents(
    executor,
    rows.filter((r) => r.consent.status === "declined").map((r) => r.consent.id),
  );
  return rows.map(({ consent, planName }) => ({
    id: consent.id,
    subscriptionId: consent.subscriptionId,
    kind: consent.kind as ConsentForCustomer["kind"],
    status: consent.status,
    planId: consent.planId,
    planName,
    oldAmount: consent.oldAmount,
    newAmount: consent.newAmount,
    effectiveAt: consent.effectiveAt,
    wording: consent.wording,
    requestedAt: consent.requestedAt,
    respondedAt: consent.respondedAt,
    answerable:
      consent.status !== "expired" && (consent.effectiveAt === null || consent.effectiveAt > now),
    withdrawn: withdrawn.has(consent.id),
  }));
}
