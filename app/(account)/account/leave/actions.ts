"use server";

import { z } from "zod";
import { leaveAccount } from "@/lib/account/leave-account";
import { signOut } from "@/lib/auth";
import { requireUser } from "@/lib/auth/guards";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { failedWith, type FormResult } from "@/lib/forms/form-result";

export type LeaveFormState = FormResult<"password" | "confirmation">;

const schema = z.object({
  password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  confirmation: z.string().max(50).optional(),
  // Present when the customer ticked 청약철회: the amount the page showed.
  withdrawAmount: z.coerce.number().int().min(1).max(1_000_000_000).optional(),
});

export async function leaveAccountAction(
  _previous: LeaveFormState,
  formData: FormData,
): Promise<LeaveFormState> {
  const user = await requireUser({ callbackUrl: "/account/leave" });
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: "입력한 내용을 다시 확인해 주세요." };
  let refundedAmount = 0;
  try {
    ({ refundedAmount } = await leaveAccount({
      userId: user.id,
      ...(parsed.data.password ? { password: parsed.data.password } : {}),
      ...(parsed.data.confirmation ? { confirmation: parsed.data.confirmation } : {}),
      ...(parsed.data.withdrawAmount
        ? { withdraw: { expectedAmount: parsed.data.withdrawAmount } }
        : {}),
    }));
  } catch (error) {
    return failedWith(error, "[account] leave");
  }
  // Every session already ended with the account; this clears this browser's cookie too.
  await signOut({
    redirectTo: refundedAmount > 0 ? `/leave-complete?refund=${refundedAmount}` : "/leave-complete",
  });
  return { status: "success" };
}
