import { settingsSectionUpdater } from "./save-merchant-settings";
import { cashReceiptSchema } from "./settings-input";

/** Whether account and Toss Money charges ask the provider for a 현금영수증, and of which kind. */
export const updateCashReceiptSettings = settingsSectionUpdater(
  cashReceiptSchema,
  "settings.cash_receipt",
);
