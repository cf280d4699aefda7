import type { MerchantSettings } from "@/lib/db/schema";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import type { Executor } from "@/lib/db/client";
import type { CashReceiptTradeOption } from "./labels";

/**
 * The cash receipt a new charge attempt asks for (charge_attempts.cash_receipt_trade_option),
 * from the merchant's settings: the kind, or null when the merchant issues none. Read when the
 * attempt is reserved, so a resend of the same order asks exactly what the first send did.
 */
export function cashReceiptFor(
  settings: Pick<MerchantSettings, "cashReceiptIssue" | "cashReceiptTradeOption">,
): CashReceiptTradeOption | null {
  return settings.cashReceiptIssue ? settings.cashReceiptTradeOption : null;
}

/** `cashReceiptFor` of the settings row, read inside the reserving transaction. */
export async function loadCashReceiptChoice(tx: Executor): Promise<CashReceiptTradeOption | null> {
  return cashReceiptFor(await loadMerchantSettings(tx));
}
