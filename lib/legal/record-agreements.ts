import type { Executor } from "@/lib/db/client";
import { legalAgreements } from "@/lib/db/schema";
import { currentDocument } from "./current-document";

// A document left out was not asked about this time (the consent step asks only for the changed
// ones); marketing is always answered.
export type AgreementAnswers = { terms?: boolean; privacy?: boolean; marketing: boolean };

export type AgreementChannel = "sign_up" | "consent_update";

/**
 * Records a customer's answers, each with the current version of its document: the evidence
 * of who agreed to what, when and from where. Callers refuse an answer without the required
 * two before calling (the sign-up form and the consent step say why, in Korean); this stores
 * whatever it is given, a declined marketing consent included.
 */
export async function recordAgreements(
  tx: Executor,
  input: {
    userId: string;
    answers: AgreementAnswers;
    channel: AgreementChannel;
    ip: string | null;
    now: Date;
  },
): Promise<void> {
  const [terms, privacy] = await Promise.all([
    currentDocument(tx, "terms"),
    currentDocument(tx, "privacy"),
  ]);
  const row = { userId: input.userId, channel: input.channel, ip: input.ip, recordedAt: input.now };
  const { answers } = input;
  await tx.insert(legalAgreements).values([
    ...(answers.terms === undefined
      ? []
      : [
          { ...row, kind: "terms" as const, documentVersion: terms.version, agreed: answers.terms },
        ]),
    ...(answers.privacy === undefined
      ? []
      : [
          {
            ...row,
            kind: "privacy" as const,
            documentVersion: privacy.version,
            agreed: answers.privacy,
          },
        ]),
    { ...row, kind: "marketing" as const, documentVersion: null, agreed: answers.marketing },
  ]);
}
