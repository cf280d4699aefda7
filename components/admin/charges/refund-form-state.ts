import type { Refund } from "@/lib/db/schema";

/**
 * What the refund action answers the dialog: the refund's status once it was recorded
 * ("invalid" when it was refused before anything was sent), a Korean message, and the amount
 * still refundable afterwards.
 */
export type RefundFormState =
  | { status: "idle" }
  | { status: "invalid"; message: string }
  | {
      status: Refund["status"];
      message: string;
      remaining: number; // KRW
      refundNo: string;
    };
