import type { Refund } from "@/lib/db/schema";
import type { FormResult } from "@/lib/forms/form-result";

/**
 * What the refund actions answer: once a refund was recorded, its number (a refusal before
 * anything was sent has none, and the form stays open to fix the input).
 */
export type RefundFormState = FormResult<"amount" | "reason"> & { refundNo?: string };

/** How a recorded refund reads: done, failed, or sent without an answer yet (look again). */
export function refundResultStatus(status: Refund["status"]): FormResult["status"] {
  switch (status) {
    case "succeeded":
      return "success";
    case "failed":
      return "error";
    case "pending":
    case "unknown":
      return "warning";
  }
}
