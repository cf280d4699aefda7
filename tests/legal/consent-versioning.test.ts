// Consent versioning (issue 12): sign-up stores each consent with the document version it was
// given for; publishing a new 이용약관 or 개인정보처리방침 version makes a signed-in customer
// agree again; every past version stays readable. Against this file's own database.
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { auditLog, legalAgreements, users } from "@/lib/db/schema";
import { publishLegalDocument } from "@/lib/admin/publish-legal-document";
import { consentStep } from "@/lib/legal/consent-step";
import { listDocumentVersions } from "@/lib/legal/current-document";
import { missingAgreements } from "@/lib/legal/missing-agreements";
import { parseDocumentBody } from "@/lib/legal/parse-document-body";
import { readLegalDocument } from "@/lib/legal/read-legal-document";
import { recordAgreements } from "@/lib/legal/record-agreements";

// The sign-up server action reads the request's headers for the client address.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-real-ip": "203.0.113.7" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));

beforeEach(async () => {
  await db().execute(
    sql`truncate table users, legal_documents, legal_agreements, rate_limits, audit_log cascade`,
  );
});

async function adminId() {
  const [admin] = await db()
    .insert(users)
    .values({
      email: `admin-${Math.random()}@example.com`,
      role: "admin",
      emailVerified: new Date(),
    })
    .returning();
  return admin!.id;
}

async function signedUpCustomer(email = "minsu@example.com", marketing = false) {
  await signUpWithPassword({
    email,
    password: "password-1",
    clientIp: "203.0.113.7",
    agreements: { terms: true, privacy: true, marketing },
  });
  const [user] = await db().select().from(users).where(eq(users.email, email));
  return user!;
}

async function agreementsOf(userId: string) {
  return db()
    .select({
      kind: legalAgreements.kind,
      version: legalAgreements.documentVersion,
      agreed: legalAgreements.agreed,
      channel: legalAgreements.channel,
      ip: legalAgreements.ip,
    })
    .from(legalAgreements)
    .where(eq(legalAgreements.userId, userId))
    .orderBy(legalAgreements.recordedAt, legalAgreements.kind);
}

describe("consents at sign-up", () => {
  it("stores each answer with its document version, a declined marketing consent included", async () => {
    const user = await signedUpCustomer();
    expect(await agreementsOf(user.id)).toEqual(
      expect.arrayContaining([
        { kind: "terms", version: 1, agreed: true, channel: "sign_up", ip: "203.0.113.7" },
        { kind: "privacy", version: 1, agreed: true, channel: "sign_up", ip: "203.0.113.7" },
        { kind: "marketing", version: null, agreed: false, channel: "sign_up", ip: "203.0.113.7" },
      ]),
    );
    expect(await missingAgreements(db(), user.id)).toEqual([]);
  });

  it("refuses a sign-up without the required consents, in Korean, keeping what was typed", async () => {
    const { signUpWithPassword: action } = await import("@/app/(auth)/sign-up/actions");
    const form = new FormData();
    form.set("email", "jiwoo@example.com");
    form.set("password", "password-1");
    form.set("name", "김지우");
    form.set("agreePrivacy", "agreed");
    form.set("agreeMarketing", "agreed");
    const state = await action({ status: "idle" }, form);

    expect(state.status).toBe("error");
    expect(state.fieldErrors).toEqual({ agreeTerms: "이용약관에 동의해 주세요." });
    expect(state.values).toMatchObject({
      email: "jiwoo@example.com",
      name: "김지우",
      agreePrivacy: "agreed",
      agreeMarketing: "agreed",
    });
    expect(state.values).not.toHaveProperty("password");
    expect(await db().select().from(users).where(eq(users.email, "jiwoo@example.com"))).toEqual([]);

    form.set("agreeTerms", "agreed");
    expect((await action({ status: "idle" }, form)).status).toBe("success");
    const [created] = await db().select().from(users).where(eq(users.email, "jiwoo@example.com"));
    expect(await agreementsOf(created!.id)).toContainEqual(
      expect.objectContaining({ kind: "marketing", agreed: true }),
    );
  });
});

describe("a new version of a document", () => {
  it("asks a signed-in customer again, and keeps every version readable", async () => {
    const user = await signedUpCustomer();
    const admin = await adminId();
    const v1 = await readLegalDocument("terms");

    const published = await publishLegalDocument(
      { userId: admin, ip: null },
      { kind: "terms", body: "## 제1조 (목적)\n바뀐 이용약관이에요. 환불 기준이 바뀌었어요." },
    );
    expect(published).toMatchObject({ kind: "published", document: { version: 2 } });

    // Asked again for the terms only; the privacy policy did not change.
    expect(await missingAgreements(db(), user.id)).toEqual([{ kind: "terms", currentVersion: 2 }]);
    expect((await consentStep(user.id)).items).toEqual([
      expect.objectContaining({ kind: "terms", currentVersion: 2, agreedVersion: 1 }),
    ]);

    // The version the customer agreed to is still there, word for word.
    const old = await readLegalDocument("terms", 1);
    expect(old).toMatchObject({ isCurrent: false, body: v1!.body });
    expect((await readLegalDocument("terms"))?.document.version).toBe(2);
    expect((await listDocumentVersions(db(), "terms")).map((v) => v.version)).toEqual([2, 1]);
    expect(await readLegalDocument("terms", 3)).toBeNull();

    // Agreeing on the consent step clears it, with the new version on record.
    await db().transaction((tx) =>
      recordAgreements(tx, {
        userId: user.id,
        answers: { terms: true, privacy: true, marketing: false },
        channel: "consent_update",
        ip: null,
        now: new Date(),
      }),
    );
    expect(await missingAgreements(db(), user.id)).toEqual([]);
    const [latestTerms] = await db()
      .select()
      .from(legalAgreements)
      .where(
        and(
          eq(legalAgreements.userId, user.id),
          eq(legalAgreements.kind, "terms"),
          eq(legalAgreements.channel, "consent_update"),
        ),
      );
    expect(latestTerms).toMatchObject({ documentVersion: 2, agreed: true });

    const [audit] = await db().select().from(auditLog).where(eq(auditLog.actorUserId, admin));
    expect(audit).toMatchObject({ action: "legal_document.publish" });
  });

  it("does not ask again for a refund-policy change, nor for a save without changes", async () => {
    const user = await signedUpCustomer();
    const admin = await adminId();
    await publishLegalDocument(
      { userId: admin, ip: null },
      { kind: "refund_policy", body: "## 1. 청약철회\n결제 후 14일 안에 철회할 수 있어요." },
    );
    const current = await readLegalDocument("privacy");
    const again = await publishLegalDocument(
      { userId: admin, ip: null },
      { kind: "privacy", body: `${current!.document.body}\r\n  ` },
    );
    expect(again.kind).toBe("unchanged");
    expect(await missingAgreements(db(), user.id)).toEqual([]);
  });

  it("sends a Kakao/Naver sign-up, which saw no form, to the consent step before first use", async () => {
    const [oauthUser] = await db()
      .insert(users)
      .values({ email: "kakao@example.com", emailVerified: new Date() })
      .returning();
    expect(await missingAgreements(db(), oauthUser!.id)).toEqual([
      { kind: "terms", currentVersion: 1 },
      { kind: "privacy", currentVersion: 1 },
    ]);
    expect((await consentStep(oauthUser!.id)).items.map((item) => item.agreedVersion)).toEqual([
      null,
      null,
    ]);
  });

  it("refuses an empty or oversized document with the merchant's message", async () => {
    const admin = await adminId();
    await expect(
      publishLegalDocument({ userId: admin, ip: null }, { kind: "terms", body: "짧아요" }),
    ).rejects.toMatchObject({ userMessage: "내용을 20자 이상 입력해 주세요." });
    await expect(
      publishLegalDocument({ userId: admin, ip: null }, { kind: "cookies", body: "x".repeat(30) }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("a document body", () => {
  it("becomes headings, lists and paragraphs of plain text, never markup", () => {
    const blocks = parseDocumentBody(
      '## 제1조\n<script>alert("x")</script>\n\n- 항목 하나\n  - 세부 항목\n\n마지막 문단',
    );
    expect(blocks).toEqual([
      { type: "heading", text: "제1조" },
      { type: "paragraph", text: '<script>alert("x")</script>' },
      {
        type: "list",
        items: [
          { text: "항목 하나", nested: false },
          { text: "세부 항목", nested: true },
        ],
      },
      { type: "paragraph", text: "마지막 문단" },
    ]);
  });
});
