import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { clientIpFrom } from "@/lib/auth/client-ip";
import type { CurrentUser } from "@/lib/auth/user";
import { failed, failedWith, type FormResult } from "@/lib/forms/form-result";
import type { AdminActor } from "./admin-actor";

export type AdminActionSpec = {
  /** The hidden field naming the record the action is about ("subscriptionId", "planId"). */
  idField: string;
  /** The answer when that field holds no id: the form was tampered with or is stale. */
  notFound: string;
  /** Names the operation in the log when it fails unexpectedly. */
  context: string;
  /**
   * Pages showing the record, re-rendered once the operation ran, whatever it answered and even
   * if it threw: an operation of several steps may have committed some before failing.
   */
  revalidate?: (id: string) => string[];
  run: (actor: AdminActor, id: string, fields: Record<string, string>) => Promise<FormResult>;
};

/**
 * The sequence every admin form action runs once it has called requireAdmin() (which each
 * exported action does itself, first: the authorization inventory checks that statically):
 * read the record's id from the form, run one lib/admin operation as this admin from this IP,
 * re-render the pages that show the record, and turn a thrown error into the form's answer
 * (an AppError's Korean message and field errors; anything else logged and masked).
 */
export async function runAdminAction(
  admin: Pick<CurrentUser, "id">,
  formData: FormData,
  spec: AdminActionSpec,
): Promise<FormResult> {
  const id = z.uuid().safeParse(formData.get(spec.idField));
  if (!id.success) return failed(spec.notFound);
  // The form's own text fields; React's "$ACTION_…" bookkeeping fields are not the admin's.
  const fields: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$")) fields[name] = value;
  }
  try {
    const actor = { userId: admin.id, ip: clientIpFrom(await headers()) };
    return await spec.run(actor, id.data, fields);
  } catch (error) {
    return failedWith(error, `[admin] ${spec.context}`);
  } finally {
    for (const path of spec.revalidate?.(id.data) ?? []) revalidatePath(path);
  }
}
