import { z } from "zod";
import { adminActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { LEGAL_DOCUMENT_KINDS } from "@/lib/legal/document-kinds";
import {
  LEGAL_DOCUMENT_MAX_LENGTH,
  publishDocument,
  type PublishResult,
} from "@/lib/legal/publish-document";
import type { AdminActor } from "./admin-actor";
import { parseAdminInput } from "./parse-admin-input";

export const legalDocumentInputSchema = z.object({
  kind: z.enum(LEGAL_DOCUMENT_KINDS, { error: "문서 종류를 다시 골라 주세요." }),
  body: z
    .string({ error: "내용을 입력해 주세요." })
    .trim()
    .min(20, "내용을 20자 이상 입력해 주세요.")
    .max(
      LEGAL_DOCUMENT_MAX_LENGTH,
      `내용은 ${LEGAL_DOCUMENT_MAX_LENGTH.toLocaleString("ko-KR")}자 이하로 입력해 주세요.`,
    ),
});

/**
 * 설정 › 약관과 정책: publishes the edited text as the document's next version, with an audit
 * entry in the same transaction. A new 이용약관 or 개인정보처리방침 version makes every customer
 * agree again before their next use of the account or the checkout.
 */
export async function publishLegalDocument(
  admin: AdminActor,
  input: unknown,
  now: Date = new Date(),
): Promise<PublishResult> {
  const { kind, body } = parseAdminInput(legalDocumentInputSchema, input);
  return db().transaction(async (tx) => {
    const result = await publishDocument(tx, { kind, body, adminUserId: admin.userId, now });
    if (result.kind === "published") {
      await recordAudit(tx, {
        actor: adminActor(admin),
        action: "legal_document.publish",
        targetType: "legal_document",
        targetId: result.document.id,
        after: { kind, version: result.document.version },
        at: now,
      });
    }
    return result;
  });
}
