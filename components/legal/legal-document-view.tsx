import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { formatSeoulDate } from "@/lib/format";
import { LEGAL_DOCUMENT_PATHS, type LegalDocumentKind } from "@/lib/legal/document-kinds";
import type { LegalDocumentView as View } from "@/lib/legal/read-legal-document";
import { LegalDocumentBody } from "./legal-document-body";

/** /terms, /privacy, /refund-policy: one version of the document and the list of every version. */
export function LegalDocumentView({
  kind,
  title,
  view,
}: {
  kind: LegalDocumentKind;
  title: string;
  view: View;
}) {
  const path = LEGAL_DOCUMENT_PATHS[kind];
  const { document, isCurrent, versions } = view;
  return (
    <Container size="narrow" className="space-y-8 py-12 sm:py-16">
      <PageHeader
        title={title}
        description={`버전 ${document.version} · ${formatSeoulDate(document.publishedAt)} 시행`}
      />
      {!isCurrent && (
        <Alert tone="info" title="지난 버전을 보고 있어요">
          <p>
            지금 적용되는 내용은{" "}
            <Link href={path} className="font-bold text-primary underline underline-offset-4">
              현재 버전
            </Link>
            에서 볼 수 있어요.
          </p>
        </Alert>
      )}
      <article aria-label={`${title} 버전 ${document.version}`}>
        <LegalDocumentBody body={view.body} />
      </article>
      <section aria-labelledby="versions-title" className="space-y-2 border-t border-border pt-6">
        <h2 id="versions-title" className="text-sm font-bold">
          지난 버전
        </h2>
        <ul className="space-y-1 text-sm">
          {versions.map((version) => (
            <li key={version.version}>
              {version.version === document.version ? (
                <span aria-current="page" className="font-bold">
                  버전 {version.version} · {formatSeoulDate(version.publishedAt)}
                  {version.version === versions[0]?.version ? " (현재)" : ""}
                </span>
              ) : (
                <Link
                  href={`${path}?version=${version.version}`}
                  className="text-primary underline underline-offset-4"
                >
                  버전 {version.version} · {formatSeoulDate(version.publishedAt)}
                  {version.version === versions[0]?.version ? " (현재)" : ""}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Container>
  );
}
