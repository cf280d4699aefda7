"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { SettingsAction } from "@/components/admin/settings/settings-form";
import { publishLegalDocument } from "@/lib/admin/publish-legal-document";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireAdmin } from "@/lib/auth/guards";
import { failedWith, succeeded, textValue } from "@/lib/forms/form-result";
import { LEGAL_DOCUMENT_PATHS } from "@/lib/legal/document-kinds";

/** 새 버전 게시: the edited text becomes the document's next version. */
export const publishLegalDocumentAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const values = {
    kind: textValue(formData, "kind") ?? "",
    body: textValue(formData, "body") ?? "",
  };
  try {
    const result = await publishLegalDocument(
      { userId: admin.id, ip: clientIpFrom(await headers()) },
      values,
    );
    revalidatePath("/admin/settings");
    if (result.kind === "unchanged") {
      return { ...succeeded("바뀐 내용이 없어 새 버전을 만들지 않았어요."), values: {} };
    }
    revalidatePath(LEGAL_DOCUMENT_PATHS[result.document.kind]);
    return succeeded(`새 버전을 게시했어요 (버전 ${result.document.version}).`);
  } catch (error) {
    return { ...failedWith(error, "[admin] publishLegalDocument"), values };
  }
};
