// Words for the receipt and the settings form; no database imports, so client forms can use it.

import type { CashReceiptTradeOption } from "@/lib/payments/types";

export type { CashReceiptTradeOption };

/** Toss Pay's cashReceiptTradeOption values, as the merchant and the customer read them. */
export const CASH_RECEIPT_TRADE_LABELS: Record<CashReceiptTradeOption, string> = {
  GENERAL: "일반",
  CULTURE: "문화비",
  PUBLIC_TP: "대중교통",
};
