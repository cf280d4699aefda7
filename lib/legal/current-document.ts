import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { legalDocuments, type LegalDocument } from "@/lib/db/schema";
import { DEFAULT_DOCUMENTS } from "./default-documents";
import type { LegalDocumentKind } from "./document-kinds";

/**
 * The current (highest) version of a document. A store that never published one gets the
 * built-in default written as version 1 on first read, so what a customer agrees to is always a
 * stored row that stays readable; two first reads at once write one row (the unique index).
 */
export async function currentDocument(
  executor: Executor,
  kind: LegalDocumentKind,
): Promise<LegalDocument> {
  const latest = await latestVersion(executor, kind);
  if (latest) return latest;
  await executor
    .insert(legalDocuments)
    .values({ kind, version: 1, body: DEFAULT_DOCUMENTS[kind] })
    .onConflictDoNothing();
  const written = await latestVersion(executor, kind);
  if (!written) throw new Error(`legal document ${kind} missing after writing its default`);
  return written;
}

async function latestVersion(executor: Executor, kind: LegalDocumentKind) {
  const [row] = await executor
    .select()
    .from(legalDocuments)
    .where(eq(legalDocuments.kind, kind))
    .orderBy(desc(legalDocuments.version))
    .limit(1);
  return row ?? null;
}

/** One past or current version, or null when it was never published. */
export async function documentVersion(
  executor: Executor,
  kind: LegalDocumentKind,
  version: number,
): Promise<LegalDocument | null> {
  const [row] = await executor
    .select()
    .from(legalDocuments)
    .where(and(eq(legalDocuments.kind, kind), eq(legalDocuments.version, version)));
  return row ?? null;
}

export type DocumentVersionSummary = Pick<LegalDocument, "version" | "publishedAt">;

/** Every published version of a document, newest first (the version list on its page). */
export async function listDocumentVersions(
  executor: Executor,
  kind: LegalDocumentKind,
): Promise<DocumentVersionSummary[]> {
  await currentDocument(executor, kind);
  return executor
    .select({ version: legalDocuments.version, publishedAt: legalDocuments.publishedAt })
    .from(legalDocuments)
    .where(eq(legalDocuments.kind, kind))
    .orderBy(desc(legalDocuments.version));
}
