import { z } from "zod";
import { withdrawalUsePolicy } from "@/lib/db/schema";
import { settingsSectionUpdater } from "./save-merchant-settings";

// 청약철회 and cancel-now refunds (docs/cancellation-and-withdrawal.md). The law gives the
// customer at least 7 days (전자상거래법 §17①); a merchant may give more, up to 30 here.
export const WITHDRAWAL_DAYS_MIN = 7;
export const WITHDRAWAL_DAYS_MAX = 30;

export const withdrawalPolicySchema = z.object({
  withdrawalDays: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: "청약철회 기간을 숫자로 입력해 주세요." })
      .int("청약철회 기간은 정수로 입력해 주세요.")
      .min(
        WITHDRAWAL_DAYS_MIN,
        `청약철회 기간은 법에 따라 ${WITHDRAWAL_DAYS_MIN}일 이상이어야 해요.`,
      )
      .max(WITHDRAWAL_DAYS_MAX, `청약철회 기간은 ${WITHDRAWAL_DAYS_MAX}일 이하여야 해요.`),
  ),
  withdrawalUsePolicy: z.enum(withdrawalUsePolicy.enumValues, {
    error: "서비스를 이용한 뒤의 청약철회 여부를 골라 주세요.",
  }),
  // A checkbox: "on" when checked, absent when not.
  proratedCancelRefund: z.preprocess((v) => v === "on" || v === true, z.boolean()),
});

export type WithdrawalPolicyInput = z.output<typeof withdrawalPolicySchema>;

/** 청약철회 days, whether use ends it, and whether cancelling now refunds the remaining days. */
export const updateWithdrawalPolicy = settingsSectionUpdater(
  withdrawalPolicySchema,
  "settings.withdrawal_policy",
);
