import Link from "next/link";
import { LegalDocumentForm } from "@/components/admin/settings/legal-document-form";
import { CardSection } from "@/components/ui/card";
import { db } from "@/lib/db/client";
import { formatSeoulDate } from "@/lib/format";
import { currentDocument } from "@/lib/legal/current-document";
import {
  LEGAL_DOCUMENT_KINDS,
  LEGAL_DOCUMENT_PATHS,
  LEGAL_DOCUMENT_TITLES,
  REQUIRED_AGREEMENTS,
} from "@/lib/legal/document-kinds";
import { publishLegalDocumentAction } from "./legal-actions";

/**
 * 설정 › 약관과 정책: the three documents, each with its current version and an editor that
 * publishes a new one. The settings page (requireAdmin) renders it.
 */
export async function LegalDocumentsSection() {
  const documents = await Promise.all(
    LEGAL_DOCUMENT_KINDS.map((kind) => currentDocument(db(), kind)),
  );
  return (
    <CardSection
      title="약관과 정책"
      description="저장할 때마다 새 버전으로 게시되고, 지난 버전은 계속 볼 수 있어요. 이용약관과 개인정보처리방침의 새 버전은 로그인한 고객에게 다시 동의를 받아요."
    >
      <div className="space-y-4">
        {documents.map((document) => {
          const title = LEGAL_DOCUMENT_TITLES[document.kind];
          return (
            <details key={document.kind} className="rounded-xl border border-border">
              <summary className="flex min-h-touch cursor-pointer flex-wrap items-center gap-x-2 px-4 py-3">
                <span className="font-bold">{title}</span>
                <span className="text-sm text-muted">
                  버전 {document.version} · {formatSeoulDate(document.publishedAt)} 게시
                </span>
              </summary>
              <div className="space-y-3 border-t border-border p-4">
                <Link
                  href={LEGAL_DOCUMENT_PATHS[document.kind]}
                  target="_blank"
                  className="text-sm text-primary underline underline-offset-4"
                >
                  고객에게 보이는 화면과 지난 버전 보기<span className="sr-only"> (새 창)</span>
                </Link>
                <LegalDocumentForm
                  action={publishLegalDocumentAction}
                  kind={document.kind}
                  title={title}
                  body={document.body}
                  asksAgain={(REQUIRED_AGREEMENTS as readonly string[]).includes(document.kind)}
                />
              </div>
            </details>
          );
        })}
      </div>
    </CardSection>
  );
}
