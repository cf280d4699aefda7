import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { legalDocuments, type LegalDocument } from "@/lib/db/schema";
import { currentDocument } from "./current-document";
import type { LegalDocumentKind } from "./document-kinds";

export const LEGAL_DOCUMENT_MAX_LENGTH = 50_000;

export type PublishResult =
  | { kind: "published"; document: LegalDocument }
  // The text is the same as the current version: nothing to publish, nobody is asked again.
  | { kind: "unchanged"; document: LegalDocument };

/**
 * Publishes a new version of a document: the next version number, never an edit of a stored
 * one, so what customers agreed to stays readable. A new version of the terms or the privacy
 * policy is what makes signed-in customers agree again (missing-agreements.ts). Two admins
 * saving at once: a transaction-scoped advisory lock per kind numbers them one after the other.
 * Run it in a transaction (the caller's, with its audit entry).
 */
export async function publishDocument(
  tx: Executor,
  input: {
    kind: LegalDocumentKind;
    body: string;
    adminUserId: string;
    now?: Date;
  },
): Promise<PublishResult> {
  const now = input.now ?? new Date();
  const body = normalizeBody(input.body);
  {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`legal_documents:${input.kind}`}))`,
    );
    const current = await currentDocument(tx, input.kind);
    if (normalizeBody(current.body) === body) return { kind: "unchanged", document: current };
    const [document] = await tx
      .insert(legalDocuments)
      .values({
        kind: input.kind,
        version: current.version + 1,
        body,
        publishedAt: now,
        publishedBy: input.adminUserId,
      })
      .returning();
    if (!document) throw new Error("legal document insert returned nothing");
    return { kind: "published", document };
  }
}

/** Line endings from a browser textarea are CRLF; trailing spaces are not a new version. */
function normalizeBody(body: string): string {
  return (
    body
      .replaceAll("\r\n", "\n")
      .replace(/[ \t]+$/gm, "")
      .trim() + "\n"
  );
}
