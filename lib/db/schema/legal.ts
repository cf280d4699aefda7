import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { krw, textRef, timestamptz, uuidPrimaryKey, uuidRef, writtenAt } from "./columns";
import { users } from "./auth";
import { paymentMethods } from "./payment-methods";
import { subscriptions } from "./subscriptions";

// The store's legal documents: 이용약관, 개인정보처리방침, 환불 정책. docs/consent-and-legal.md.
export const legalDocumentKind = pgEnum("legal_document_kind", [
  "terms",
  "privacy",
  "refund_policy",
]);

// Every published version of a document, never changed once written: what a customer agreed to
// stays readable (/terms?version=2). The current version of a kind is its highest number.
export const legalDocuments = pgTable(
  "legal_documents",
  {
    id: uuidPrimaryKey(),
    kind: legalDocumentKind().notNull(),
    // 1, 2, 3, … per kind.
    version: integer().notNull(),
    // Plain text with a markdown-lite subset (# headings, - lists, blank-line paragraphs),
    // rendered as text nodes only: never as HTML (components/legal/legal-document-body.tsx).
    body: text().notNull(),
    publishedAt: writtenAt(),
    // The admin who published it; null for the built-in default of version 1.
    publishedBy: textRef(() => users.id, "set null"),
  },
  (t) => [
    uniqueIndex("legal_documents_kind_version_key").on(t.kind, t.version),
    check("legal_documents_version_positive", sql`${t.version} > 0`),
  ],
);

// What a customer was asked to agree to: the two required documents and the optional
// marketing messages (정보통신망법 §50: its own, unticked consent).
export const legalAgreementKind = pgEnum("legal_agreement_kind", ["terms", "privacy", "marketing"]);

// One row per answer, appended, never updated: the evidence of who agreed to which version of
// what, when, from where. A customer's standing answer for a kind is their latest row.
export const legalAgreements = pgTable(
  "legal_agreements",
  {
    id: uuidPrimaryKey(),
    userId: textRef(() => users.id, "cascade").notNull(),
    kind: legalAgreementKind().notNull(),
    // The document version agreed to; null for marketing, which has no document of its own.
    documentVersion: integer(),
    agreed: boolean().notNull(),
    // "sign_up" (the form), "consent_update" (asked again, or a Kakao/Naver sign-up's first visit)
    channel: text().notNull(),
    ip: text(),
    recordedAt: writtenAt(),
  },
  (t) => [index("legal_agreements_user_kind_idx").on(t.userId, t.kind, t.recordedAt)],
);

// One free trial per payment instrument (docs/consent-and-legal.md "Fair trials"): the
// normalized instrument fingerprint (lib/trials/instrument-fingerprint.ts) of every method a
// trial started with. The first trial on an instrument owns the row.
export const trialInstruments = pgTable("trial_instruments", {
  // SHA-256 hex of the normalized instrument description; never the masked number itself.
  fingerprint: text().primaryKey(),
  userId: textRef(() => users.id, "set null"),
  subscriptionId: uuidRef(() => subscriptions.id, "set null"),
  firstTrialAt: writtenAt(),
});

// A checkout whose plan has a trial, but whose newly linked instrument already had one: the
// subscription stays `incomplete` with the method linked, and nothing is charged until the
// customer has seen the amount and pressed "유료로 시작하기" (confirmedAt). Never charged
// silently: the consent they gave at checkout was to a trial first.
export const paidStartOffers = pgTable(
  "paid_start_offers",
  {
    subscriptionId: uuidRef(() => subscriptions.id, "cascade").primaryKey(),
    paymentMethodId: uuidRef(() => paymentMethods.id, "cascade").notNull(),
    // KRW, integer won: the amount shown, charged today once confirmed.
    amount: krw(),
    offeredAt: writtenAt(),
    confirmedAt: timestamptz(),
  },
  (t) => [index("paid_start_offers_method_idx").on(t.paymentMethodId)],
);

export type LegalDocument = typeof legalDocuments.$inferSelect;
export type LegalAgreement = typeof legalAgreements.$inferSelect;
