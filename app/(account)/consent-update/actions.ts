"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireUser } from "@/lib/auth/guards";
import { customerActor } from "@/lib/audit/actor";
import { db } from "@/lib/db/client";
import { AppError, userMessageOf } from "@/lib/errors";
import { failed, textValue, type FormResult } from "@/lib/forms/form-result";
import { agreementFieldsSchema, readAgreementFields } from "@/lib/legal/agreement-fields";
import { missingAgreements } from "@/lib/legal/missing-agreements";
import { recordAgreements } from "@/lib/legal/record-agreements";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";

export type ConsentUpdateState = FormResult<"agreeTerms" | "agreePrivacy" | "agreeMarketing">;

/** 동의하고 계속하기: records the answers with the current versions, then where they were going. */
export async function agreeToCurrentTerms(
  _previous: ConsentUpdateState,
  formData: FormData,
): Promise<ConsentUpdateState> {
  const user = await requireUser({ callbackUrl: "/consent-update" });
  const values = {
    agreeTerms: textValue(formData, "agreeTerms"),
    agreePrivacy: textValue(formData, "agreePrivacy"),
    agreeMarketing: textValue(formData, "agreeMarketing"),
  };
  const ticks = agreementFieldsSchema.safeParse(Object.fromEntries(formData));
  if (!ticks.success) return failed("화면을 새로고침한 뒤 다시 시도해 주세요.", {}, values);
  // Only the documents the step asked about (the ones not agreed in their current version).
  const asked = (await missingAgreements(db(), user.id)).map((missing) => missing.kind);
  const agreements = readAgreementFields(ticks.data, asked);
  if (!agreements.ok) return failed(undefined, agreements.fieldErrors, values);

  const ip = clientIpFrom(await headers());
  await db().transaction((tx) =>
    recordAgreements(tx, {
      userId: user.id,
      answers: agreements.answers,
      channel: "consent_update",
      ip,
      now: new Date(),
    }),
  );
  redirect(safeCallbackUrl(formData.get("callbackUrl"), "/account"));
}

const cancelSchema = z.object({ confirm: z.literal("yes") });

/**
 * 동의하지 않고 구독 해지: a customer who does not accept the new terms can still leave, from
 * this page, without agreeing first (cancelling must never be harder than subscribing). Ends
 * at the period's end, like the account page's 해지.
 */
export async function cancelWithoutAgreeing(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/consent-update" });
  if (!cancelSchema.safeParse(Object.fromEntries(formData)).success) {
    return failed("화면을 새로고침한 뒤 다시 시도해 주세요.");
  }
  try {
    await cancelSubscription(
      { userId: user.id },
      {
        actor: customerActor(user.id),
        atPeriodEnd: true,
        reason: "customer: declined the new terms",
      },
    );
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[consent-update] cancel failed", error);
    return failed(userMessageOf(error));
  }
  return { status: "success", message: "구독을 해지했어요. 결제한 기간이 끝나면 구독이 끝나요." };
}
