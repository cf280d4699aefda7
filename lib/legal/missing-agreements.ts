import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { legalAgreements } from "@/lib/db/schema";
import { currentDocument } from "./current-document";
import { REQUIRED_AGREEMENTS, type RequiredAgreement } from "./document-kinds";

export type MissingAgreement = { kind: RequiredAgreement; currentVersion: number };

/**
 * The required documents the customer has not agreed to in their current version: none yet (a
 * Kakao/Naver sign-up, an account from before consents were recorded), an older version (the
 * merchant published a new one), or a latest answer that declined. Empty when nothing blocks.
 */
export async function missingAgreements(
  executor: Executor,
  userId: string,
): Promise<MissingAgreement[]> {
  const missing: MissingAgreement[] = [];
  for (const kind of REQUIRED_AGREEMENTS) {
    const current = await currentDocument(executor, kind);
    const [latest] = await executor
      .select({ version: legalAgreements.documentVersion, agreed: legalAgreements.agreed })
      .from(legalAgreements)
      .where(and(eq(legalAgreements.userId, userId), eq(legalAgreements.kind, kind)))
      .orderBy(desc(legalAgreements.recordedAt))
      .limit(1);
    if (!latest?.agreed || (latest.version ?? 0) < current.version) {
      missing.push({ kind, currentVersion: current.version });
    }
  }
  return missing;
}
