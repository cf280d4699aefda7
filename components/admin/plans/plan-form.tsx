"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFocusResult } from "@/components/ui/use-focus-result";
import { useFocusFirstError } from "@/components/auth/use-focus-first-error";
import { cx } from "@/components/ui/cx";
import type { Plan } from "@/lib/db/schema";
import { formatKRW } from "@/lib/format/krw";
import { IDLE } from "@/lib/forms/form-result";
import { PLAN_FIELDS, type PlanFormState } from "./plan-form-state";
import { WonInput } from "./won-input";

type Action = (state: PlanFormState, formData: FormData) => Promise<PlanFormState>;

const INTERVALS = [
  { value: "day", label: "일" },
  { value: "week", label: "주" },
  { value: "month", label: "개월" },
  { value: "year", label: "년" },
] as const;

const FALLBACK_WORDING = {
  renew_at_old_price:
    "동의하지 않거나 답하지 않은 구독자는 한 번 더 기존 가격으로 갱신되고, 다음 갱신 전에 다시 동의를 요청해요.",
  cancel_at_period_end: "동의하지 않거나 답하지 않은 구독자는 이용 기간이 끝나면 해지돼요.",
} as const;

/**
 * Create or edit a plan. A price rise is saved in two steps: the first submit shows how many
 * subscribers it affects and what happens to them (consent law, docs/billing.md); "인상하고 저장"
 * sends the amount the admin saw as `confirmedAmount`.
 */
export function PlanForm({
  action,
  plan,
  intervalLocked = false,
  consentFallback = "renew_at_old_price",
}: {
  action: Action;
  plan?: Plan;
  // Someone has subscribed: the interval cannot change any more (lib/admin/update-plan.ts).
  intervalLocked?: boolean;
  consentFallback?: keyof typeof FALLBACK_WORDING;
}) {
  const [state, formAction] = useActionState<PlanFormState, FormData>(action, IDLE);
  const formRef = useFocusFirstError(state.fieldErrors, PLAN_FIELDS);
  const values = state.values ?? {};
  const value = (name: string, fallback: string | number | undefined) =>
    values[name] ?? (fallback === undefined ? "" : String(fallback));
  const errors = state.fieldErrors ?? {};
  // A text field's name, its value (what the admin typed, else the plan's) and its error.
  const bind = (name: string, fallback: string | number | undefined) => ({
    name,
    defaultValue: value(name, fallback),
    error: errors[name],
  });
  // "취소" on the price-rise step hides it until the next submit brings a new preview.
  const [dismissed, setDismissed] = useState<PlanFormState["confirm"]>(undefined);
  const confirm = state.confirm !== dismissed ? state.confirm : undefined;
  const refused = state.status === "error" && Object.keys(errors).length === 0;
  const resultRef = useFocusResult(state, state.status === "success" || refused);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-6">
      <div ref={resultRef} tabIndex={-1} className="outline-none empty:hidden">
        {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
        {refused && <Alert tone="danger">{state.message}</Alert>}
      </div>

      <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
        <Field label="요금제 이름" {...bind("name", plan?.name)} required maxLength={50} />
        {plan ? (
          <div className="space-y-1.5">
            <p className="text-sm font-bold">주소</p>
            <p className="flex min-h-touch items-center rounded-lg bg-surface-muted px-3.5 text-sm">
              /subscribe/{plan.slug}
            </p>
            <p className="text-sm text-muted">만든 뒤에는 바꿀 수 없어요 (공유된 링크 보호).</p>
          </div>
        ) : (
          <Field
            label="주소용 이름 (slug)"
            {...bind("slug", undefined)}
            required
            autoCapitalize="none"
            spellCheck={false}
            placeholder="pro-yearly"
            hint="영문 소문자, 숫자, 하이픈(-). 구독 페이지 주소가 돼요: /subscribe/pro-yearly"
          />
        )}
      </div>

      <TextAreaField
        label="설명"
        hint="요금제 카드에 보이는 한두 문장이에요."
        {...bind("description", plan?.description)}
        rows={2}
        maxLength={300}
      />

      <TextAreaField
        label="혜택"
        hint="한 줄에 하나씩 적어 주세요 (최대 20줄)."
        {...bind("features", plan?.features.join("\n"))}
        rows={4}
      />

      <fieldset className="space-y-4 rounded-xl border border-border p-4 sm:p-5">
        <legend className="px-1 text-base font-bold">가격과 결제 주기</legend>
        {plan && (
          <p className="text-sm leading-relaxed text-muted">
            가격을 <strong className="text-foreground">내리면</strong> 새로 구독하는 분부터
            적용되고, 기존 구독자는 지금 가격을 유지해요. 가격을{" "}
            <strong className="text-foreground">올리면</strong> 새 구독자에게는 바로, 기존
            구독자에게는 동의를 받은 뒤 다음 결제부터 적용돼요 (전자상거래법 시행령).
          </p>
        )}
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <Field
            label="가격 (부가세 포함)"
            error={errors.amount}
            required
            hint="토스페이 카드 결제는 100원부터 가능해요."
          >
            {(control) => (
              <WonInput {...control} name="amount" defaultValue={value("amount", plan?.amount)} />
            )}
          </Field>
          <Field
            label="면세 금액"
            error={errors.amountTaxFree}
            hint="면세 상품이 아니면 0으로 두세요."
          >
            {(control) => (
              <WonInput
                {...control}
                name="amountTaxFree"
                defaultValue={value("amountTaxFree", plan?.amountTaxFree ?? 0)}
              />
            )}
          </Field>
        </div>
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <Field
            label="결제 주기"
            hint={
              intervalLocked
                ? "구독한 적이 있는 요금제는 결제 주기를 바꿀 수 없어요. 다른 주기는 새 요금제로 만들어 주세요."
                : "예: 1개월마다, 3개월마다, 1년마다"
            }
            error={errors.interval ?? errors.intervalCount}
          >
            {(control) => (
              // A grid, not flex: controlClasses' w-full would otherwise squeeze the unit
              // select down to its chevron.
              <div className="grid grid-cols-[5rem_minmax(6rem,1fr)_auto] items-center gap-2">
                <input
                  {...control}
                  name="intervalCount"
                  inputMode="numeric"
                  readOnly={intervalLocked}
                  defaultValue={value("intervalCount", plan?.intervalCount ?? 1)}
                  className={cx(controlClasses, "text-right", intervalLocked && "bg-surface-muted")}
                />
                {intervalLocked ? (
                  <>
                    <input type="hidden" name="interval" value={plan?.interval} />
                    <span className="flex min-h-touch items-center rounded-lg bg-surface-muted px-3.5">
                      {INTERVALS.find((i) => i.value === plan?.interval)?.label}
                    </span>
                  </>
                ) : (
                  <select
                    name="interval"
                    aria-label="결제 주기 단위"
                    aria-invalid={errors.interval ? true : undefined}
                    defaultValue={value("interval", plan?.interval ?? "month")}
                    className={cx(controlClasses, "pr-9")}
                  >
                    {INTERVALS.map((i) => (
                      <option key={i.value} value={i.value}>
                        {i.label}
                      </option>
                    ))}
                  </select>
                )}
                <span className="shrink-0 text-sm text-muted">마다</span>
              </div>
            )}
          </Field>
          <Field
            label="무료 체험 (일)"
            {...bind("trialDays", plan?.trialDays ?? 0)}
            inputMode="numeric"
            hint="0이면 체험 없이 바로 결제해요. 기존 구독자에게는 영향이 없어요."
          />
        </div>
      </fieldset>

      <Field
        label="표시 순서"
        {...bind("sortOrder", plan?.sortOrder)}
        inputMode="numeric"
        hint={
          plan
            ? "작은 수가 요금제 페이지에서 먼저 보여요. 목록의 ▲▼ 버튼으로도 바꿀 수 있어요."
            : "비워 두면 맨 뒤에 보여요. 작은 수가 먼저 보여요."
        }
        className="max-w-xs"
      />

      {plan && <input type="hidden" name="planId" value={plan.id} />}
      {confirm ? (
        <div
          role="alertdialog"
          aria-labelledby="price-rise-title"
          aria-describedby="price-rise-body"
          className="space-y-4 rounded-xl border border-warning/40 bg-warning/10 p-4 sm:p-5"
        >
          <h2 id="price-rise-title" className="text-base font-bold">
            가격을 {formatKRW(confirm.oldAmount)}에서 {formatKRW(confirm.newAmount)}으로 올릴까요?
          </h2>
          <div id="price-rise-body" className="space-y-2 text-sm leading-relaxed">
            <p>
              지금 구독 중인{" "}
              <strong className="text-base">
                {confirm.affectedSubscribers.toLocaleString("ko-KR")}명
              </strong>
              은 동의하기 전까지 기존 가격을 유지해요. 다음 결제일 30일 전부터 동의 요청을 받아요.
            </p>
            <p>{FALLBACK_WORDING[consentFallback]}</p>
            <p>새로 구독하는 분은 저장하는 즉시 새 가격으로 결제해요.</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="confirmedAmount" value={String(confirm.newAmount)}>
              인상하고 저장
            </SubmitButton>
            <Button variant="ghost" onClick={() => setDismissed(state.confirm)}>
              취소
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <SubmitButton size="lg">{plan ? "저장" : "요금제 만들기"}</SubmitButton>
        </div>
      )}
    </form>
  );
}
