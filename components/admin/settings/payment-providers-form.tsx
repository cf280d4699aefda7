"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ProviderRow } from "@/lib/admin/list-payment-providers";
import type { SettingsAction } from "./settings-form";
import { initialSettingsFormState } from "./settings-form-state";

const READINESS: Record<
  ProviderRow["readiness"],
  { tone: "success" | "warning" | "danger" | "neutral"; text: string }
> = {
  live: { tone: "success", text: "실결제 키 설정됨" },
  sandbox: { tone: "warning", text: "테스트 (샌드박스)" },
  misconfigured: { tone: "danger", text: "설정 확인 필요" },
  not_implemented: { tone: "neutral", text: "준비 중" },
};

/** Which providers the checkout offers, and in what order. */
export function PaymentProvidersForm({
  action,
  providers,
}: {
  action: SettingsAction;
  providers: ProviderRow[];
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const errors = state.fieldErrors ?? {};
  const error = errors.enabledProviders ?? errors[""];
  const enabled = (row: ProviderRow) =>
    state.values ? state.values[`enabled.${row.name}`] === "on" : row.position !== null;
  const order = (row: ProviderRow, index: number) =>
    state.values?.[`order.${row.name}`] ?? String(row.position ?? index + 1);

  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      {state.status === "error" && <Alert tone="danger">{error ?? state.message}</Alert>}
      <ul className="divide-y divide-border rounded-xl border border-border">
        {providers.map((row, index) => {
          const readiness = READINESS[row.readiness];
          return (
            <li
              key={row.name}
              className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm"
            >
              <label className="flex min-h-touch cursor-pointer items-center gap-3">
                <input
                  type="checkbox"
                  name={`enabled.${row.name}`}
                  defaultChecked={enabled(row)}
                  className="size-4 accent-[rgb(var(--color-primary))]"
                />
                <span className="font-bold">{row.label}</span>
              </label>
              <span className="flex items-center gap-3">
                <Badge tone={readiness.tone}>{readiness.text}</Badge>
                <label className="flex items-center gap-2 text-muted">
                  순서
                  <input
                    type="number"
                    name={`order.${row.name}`}
                    min={1}
                    max={providers.length}
                    defaultValue={order(row, index)}
                    aria-label={`${row.label} 표시 순서`}
                    className="w-16 rounded-lg border border-border px-2 py-1 text-foreground"
                  />
                </label>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="text-sm text-muted">
        켠 결제사를 순서대로 구독 화면에 보여줘요. 하나만 켜면 고르는 단계 없이 바로 등록해요.
      </p>
      <SubmitButton>결제사 저장</SubmitButton>
    </form>
  );
}
