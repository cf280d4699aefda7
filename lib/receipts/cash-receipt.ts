import { sql, type SQL } from "drizzle-orm";
import { merchantSettings } from "@/lib/db/schema";
import type { CashReceiptTradeOption } from "./labels";

/**
 * The cash receipt a new charge attempt asks for (charge_attempts.cash_receipt_trade_option):
 * the kind the merchant's settings name, or null when the merchant issues none (or has saved no
 * settings yet). An expression for the attempt's INSERT, so the choice is read in the same
 * statement, with no extra round trip on the charge path, and a resend of the same order asks
 * exactly what the first send did.
 */
export function cashReceiptChoice(): SQL<CashReceiptTradeOption | null> {
  return sql<CashReceiptTradeOption | null>`(
    select case when ${merchantSettings.cashReceiptIssue}
      then ${merchantSettings.cashReceiptTradeOption} end
    from ${merchantSettings} where ${merchantSettings.id} = 1
  )`;
}
