// Words for the receipt and the settings form; no database imports, so client forms can use it.

export type CashReceiptTradeOption = "GENERAL" | "CULTURE" | "PUBLIC_TP";

/** Toss Pay's cashReceiptTradeOption values, as the merchant and the customer read them. */
export const CASH_RECEIPT_TRADE_LABELS: Record<CashReceiptTradeOption, string> = {
  GENERAL: "일반",
  CULTURE: "문화비",
  PUBLIC_TP: "대중교통",
};
