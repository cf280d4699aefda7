import { AppError } from "@/lib/errors";
import type { PaymentMode } from "@/lib/payments/types";
import {
  describeBusinessDetails,
  missingBusinessDetails,
  type BusinessDetail,
  type BusinessDetails,
} from "./missing-business-details";

// A live store takes money only once it shows who is selling (전자상거래법 §10). The sandbox is a
// demo that moves no money, so it may open checkout without them; the admin checklist still
// lists them there.

/** What the customer reads instead of the checkout: calm, and nothing about the merchant's gaps. */
export const CHECKOUT_CLOSED_MESSAGE =
  "지금은 구독을 시작할 수 없어요. 판매자 정보 등록이 끝나면 다시 열려요.";

/** The missing details that keep checkout closed in `mode`; empty when checkout may open. */
export function detailsBlockingCheckout(
  details: BusinessDetails,
  mode: PaymentMode,
): BusinessDetail[] {
  return mode === "live" ? missingBusinessDetails(details) : [];
}

/** Throws a config_error naming exactly what is missing when checkout must stay closed. */
export function requireBusinessDetailsForCheckout(
  details: BusinessDetails,
  mode: PaymentMode,
): void {
  const missing = detailsBlockingCheckout(details, mode);
  if (missing.length === 0) return;
  throw new AppError(
    "config_error",
    `Checkout is closed: a live store must show its business details (전자상거래법 §10) before taking payments. Missing: ${describeBusinessDetails(missing)}. Fill them in at /admin/settings.`,
    { userMessage: CHECKOUT_CLOSED_MESSAGE, details: { missing } },
  );
}
