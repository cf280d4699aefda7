"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { confirmEmailChange } from "@/lib/auth/change-email";

/** The button on /confirm-email-change: uses the link up and shows the outcome. */
export async function confirmEmailChangeAction(formData: FormData): Promise<void> {
  const token = z.string().max(100).safeParse(formData.get("token"));
  const result = token.success
    ? await confirmEmailChange({ token: token.data })
    : ({ ok: false, reason: "invalid-link" } as const);
  redirect(`/confirm-email-change?done=${result.ok ? "changed" : result.reason}`);
}
