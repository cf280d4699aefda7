"use client";

import { CASH_RECEIPT_TRADE_LABELS, type CashReceiptTradeOption } from "@/lib/receipts/labels";
import { RadioOptions } from "./radio-options";
import { SettingsForm, useSettingsForm, type SettingsAction } from "./settings-form";

export type CashReceiptValues = {
  cashReceiptIssue: boolean;
  cashReceiptTradeOption: CashReceiptTradeOption;
};

const ORDER = ["cashReceiptIssue", "cashReceiptTradeOption"];

/** 현금영수증 for account and Toss Money charges: issue or not, and the trade kind. */
export function CashReceiptForm({
  action,
  current,
}: {
  action: SettingsAction;
  current: CashReceiptValues;
}) {
  const form = useSettingsForm(action, ORDER);
  const { state, errors } = form;
  const issue = state.values?.cashReceiptIssue ?? String(current.cashReceiptIssue);
  const option = state.values?.cashReceiptTradeOption ?? current.cashReceiptTradeOption;

  return (
    <SettingsForm form={form} submitLabel="현금영수증 설정 저장">
      <RadioOptions
        name="cashReceiptIssue"
        legend="계좌·토스머니 결제의 현금영수증"
        options={[
          ["true", "자동으로 발급해요"],
          ["false", "발급하지 않아요 (기본)"],
        ]}
        selected={issue}
        error={errors.cashReceiptIssue}
      />
      <RadioOptions
        name="cashReceiptTradeOption"
        legend="발급 유형"
        options={Object.entries(CASH_RECEIPT_TRADE_LABELS)}
        selected={option}
        error={errors.cashReceiptTradeOption}
        columns={3}
      />
    </SettingsForm>
  );
}
