import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { consents } from "@/lib/db/schema";
import type { ConsentFact } from "./decide-renewal-price";
import type { Consent, ConsentKindAsked } from "./consent-requests";

/** A subscription's requests of one kind, newest first. */
export async function consentsOf(
  tx: Executor,
  subscriptionId: string,
  kind: ConsentKindAsked,
): Promise<Consent[]> {
  return tx
    .select()
    .from(consents)
    .where(and(eq(consents.subscriptionId, subscriptionId), eq(consents.kind, kind)))
    .orderBy(desc(consents.requestedAt));
}

/** What the pure decisions need of a consent row. */
export function consentFact(c: Consent): ConsentFact {
  return {
    id: c.id,
    status: c.status,
    planId: c.planId,
    newAmount: c.newAmount,
    effectiveAt: c.effectiveAt,
  };
}
