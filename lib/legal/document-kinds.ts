import type { LegalDocument } from "@/lib/db/schema";

export type LegalDocumentKind = LegalDocument["kind"];

/** The documents in the order the footer, the checkout and admin settings list them. */
export const LEGAL_DOCUMENT_KINDS = [
  "terms",
  "privacy",
  "refund_policy",
] as const satisfies readonly LegalDocumentKind[];

export const LEGAL_DOCUMENT_TITLES: Record<LegalDocumentKind, string> = {
  terms: "이용약관",
  privacy: "개인정보처리방침",
  refund_policy: "환불 정책",
};

export const LEGAL_DOCUMENT_PATHS: Record<LegalDocumentKind, string> = {
  terms: "/terms",
  privacy: "/privacy",
  refund_policy: "/refund-policy",
};

/**
 * The documents a customer must have agreed to, in their current version, before using the
 * account or the checkout. A new version of either asks again; the refund policy is part of
 * what the terms refer to and is shown, not separately agreed to.
 */
export const REQUIRED_AGREEMENTS = ["terms", "privacy"] as const satisfies LegalDocumentKind[];

export type RequiredAgreement = (typeof REQUIRED_AGREEMENTS)[number];
