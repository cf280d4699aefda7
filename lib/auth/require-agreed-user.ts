import "server-only";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { missingAgreements } from "@/lib/legal/missing-agreements";
import { safeCallbackUrl } from "./callback-url";
import { requireUser } from "./guards";
import type { CurrentUser } from "./user";

export const CONSENT_UPDATE_PATH = "/consent-update";

/** The consent step's URL that returns to `callbackUrl` once the customer has agreed. */
export function consentUpdatePath(callbackUrl?: string): string {
  const target = safeCallbackUrl(callbackUrl, "");
  return target === ""
    ? CONSENT_UPDATE_PATH
    : `${CONSENT_UPDATE_PATH}?${new URLSearchParams({ callbackUrl: target })}`;
}

/**
 * requireUser for the customer's own pages and the checkout, and the consent step first when
 * they have not agreed to the current 이용약관 and 개인정보처리방침: a Kakao/Naver sign-up
 * before its first use (it had no sign-up form), or anyone after the merchant published a new
 * version. Staff (admins) work under their employment, not the store's terms: never asked.
 */
export async function requireAgreedUser(
  options: { callbackUrl?: string } = {},
): Promise<CurrentUser> {
  const user = await requireUser(options);
  if (user.role === "admin") return user;
  if ((await missingAgreements(db(), user.id)).length > 0) {
    redirect(consentUpdatePath(options.callbackUrl));
  }
  return user;
}
