import { db } from "@/lib/db/client";
import type { LegalDocument } from "@/lib/db/schema";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import {
  currentDocument,
  documentVersion,
  listDocumentVersions,
  type DocumentVersionSummary,
} from "./current-document";
import type { LegalDocumentKind } from "./document-kinds";
import { fillBusinessDetails } from "./fill-business-details";

export type LegalDocumentView = {
  document: LegalDocument;
  // The body with the merchant's business details filled in, ready to show.
  body: string;
  isCurrent: boolean;
  versions: DocumentVersionSummary[];
};

/** A document's page: the current version, or an older one asked for by number (null: none). */
export async function readLegalDocument(
  kind: LegalDocumentKind,
  version?: number,
): Promise<LegalDocumentView | null> {
  const database = db();
  const [current, settings, versions] = await Promise.all([
    currentDocument(database, kind),
    loadMerchantSettings(database),
    listDocumentVersions(database, kind),
  ]);
  const document =
    version === undefined || version === current.version
      ? current
      : await documentVersion(database, kind, version);
  if (!document) return null;
  return {
    document,
    body: fillBusinessDetails(document.body, settings),
    isCurrent: document.version === current.version,
    versions,
  };
}
