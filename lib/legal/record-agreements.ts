import type { Executor } from "@/lib/db/client";
import { legalAgreements } from "@/lib/db/schema";
import { currentDocument } from "./current-document";

export type AgreementAnswers = { terms: boolean; privacy: boolean; marketing: boolean };

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
  await tx.insert(legalAgreements).values([
    { ...row, kind: "terms", documentVersion: terms.version, agreed: input.answers.terms },
    { ...row, kind: "privacy", documentVersion: privacy.version, agreed: input.answers.privacy },
    { ...row, kind: "marketing", documentVersion: null, agreed: input.answers.marketing },
  ]);
}
