import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { legalAgreements } from "@/lib/db/schema";
import { currentDocument } from "./current-document";
import type { RequiredAgreement } from "./document-kinds";
import { missingAgreements } from "./missing-agreements";

export type ConsentStepItem = {
  kind: RequiredAgreement;
  currentVersion: number;
  publishedAt: Date;
  // The version the customer agreed to before, or null if they never did (a Kakao/Naver
  // sign-up, an account from before consents were recorded).
  agreedVersion: number | null;
};

/** What the consent step asks: the documents to agree to, and the standing marketing answer. */
export async function consentStep(userId: string): Promise<{
  items: ConsentStepItem[];
  marketing: boolean;
}> {
  const database = db();
  const missing = await missingAgreements(database, userId);
  const items = await Promise.all(
    missing.map(async ({ kind, currentVersion }): Promise<ConsentStepItem> => {
      const current = await currentDocument(database, kind);
      const [agreed] = await database
        .select({ version: legalAgreements.documentVersion })
        .from(legalAgreements)
        .where(
          and(
            eq(legalAgreements.userId, userId),
            eq(legalAgreements.kind, kind),
            eq(legalAgreements.agreed, true),
          ),
        )
        .orderBy(desc(legalAgreements.recordedAt))
        .limit(1);
      return {
        kind,
        currentVersion,
        publishedAt: current.publishedAt,
        agreedVersion: agreed?.version ?? null,
      };
    }),
  );
  const [marketing] = await database
    .select({ agreed: legalAgreements.agreed })
    .from(legalAgreements)
    .where(and(eq(legalAgreements.userId, userId), eq(legalAgreements.kind, "marketing")))
    .orderBy(desc(legalAgreements.recordedAt))
    .limit(1);
  return { items, marketing: marketing?.agreed ?? false };
}
