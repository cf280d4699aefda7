"use client";

import { CASH_RECEIPT_TRADE_LABELS, type CashReceiptTradeOption } from "@/lib/receipts/labels";
import { SettingsForm, useSettingsForm, type SettingsAction } from "./settings-form";

export type CashReceiptValues = {
  cashReceiptIssue: boolean;
  cashReceiptTradeOption: CashReceiptTradeOption;
};

const ORDER = ["cashReceiptIssue", "cashReceiptTradeOption"];

const RADIO =
  "flex min-h-touch cursor-pointer items-center gap-3 rounded-lg border border-border px-3 has-[:checked]:border-primary";
const RADIO_INPUT = "size-4 accent-[rgb(var(--color-primary))]";

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
      <fieldset className="space-y-2">
        <legend className="text-sm font-bold">계좌·토스머니 결제의 현금영수증</legend>
        {(
          [
            ["true", "자동으로 발급해요"],
            ["false", "발급하지 않아요 (기본)"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={RADIO}>
            <input
              type="radio"
              name="cashReceiptIssue"
              value={value}
              defaultChecked={issue === value}
              className={RADIO_INPUT}
            />
            <span>{label}</span>
          </label>
        ))}
        {errors.cashReceiptIssue && (
          <p className="text-sm text-danger">{errors.cashReceiptIssue}</p>
        )}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-bold">발급 유형</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          {(Object.keys(CASH_RECEIPT_TRADE_LABELS) as CashReceiptTradeOption[]).map((value) => (
            <label key={value} className={RADIO}>
              <input
                type="radio"
                name="cashReceiptTradeOption"
                value={value}
                defaultChecked={option === value}
                className={RADIO_INPUT}
              />
              <span>{CASH_RECEIPT_TRADE_LABELS[value]}</span>
            </label>
          ))}
        </div>
        {errors.cashReceiptTradeOption && (
          <p className="text-sm text-danger">{errors.cashReceiptTradeOption}</p>
        )}
      </fieldset>
    </SettingsForm>
  );
}
