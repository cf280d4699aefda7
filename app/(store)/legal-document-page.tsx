import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { LegalDocumentView } from "@/components/legal/legal-document-view";
import { LEGAL_DOCUMENT_TITLES, type LegalDocumentKind } from "@/lib/legal/document-kinds";
import { readLegalDocument } from "@/lib/legal/read-legal-document";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const searchSchema = z.object({
  version: z.coerce.number().int().positive().max(1_000_000).optional(),
});

/** The page and metadata of /terms, /privacy and /refund-policy (?version=N for a past one). */
export function legalDocumentPage(kind: LegalDocumentKind) {
  const title = LEGAL_DOCUMENT_TITLES[kind];
  const metadata: Metadata = { title };
  async function Page({ searchParams }: { searchParams: SearchParams }) {
    const parsed = searchSchema.safeParse(await searchParams);
    if (!parsed.success) notFound();
    const view = await readLegalDocument(kind, parsed.data.version);
    if (!view) notFound();
    return <LegalDocumentView kind={kind} title={title} view={view} />;
  }
  return { metadata, Page };
}
