"use client";

import { ActionDialog, useActionNotice } from "@/components/admin/action-dialog";
import { Field, TextAreaField } from "@/components/ui/field";
import type { FormAction, FormResult } from "@/lib/forms/form-result";

export type SubscriberActionsProps = {
  subscription: {
    id: string;
    status: "incomplete" | "trialing" | "active" | "past_due" | "unpaid" | "canceled";
    cancelAtPeriodEnd: boolean;
    // Display strings, formatted on the server (Seoul dates, won).
    periodEndLabel: string | null;
    nextChargeLabel: string | null;
    priceLabel: string;
    intervalLabel: string; // "1개월", "1년"
  };
  // A charge is in flight: dates wait until its result is known.
  chargeInFlight: boolean;
  // yyyy-MM-dd bounds for the date picker (Seoul): tomorrow and a year ahead.
  minDate: string;
  maxDate: string;
  actions: {
    cancel: FormAction;
    resume: FormAction;
    retry: FormAction;
    moveDate: FormAction;
    grant: FormAction;
  };
};

function FieldError({ state, name }: { state: FormResult; name: string }) {
  const message = state.fieldErrors?.[name];
  return message ? (
    <p id={`${name}-error`} className="text-sm text-danger">
      {message}
    </p>
  ) : null;
}

function Radio({
  name,
  value,
  label,
  hint,
  defaultChecked,
  disabled,
}: {
  name: string;
  value: string;
  label: string;
  hint?: string;
  defaultChecked?: boolean;
  disabled?: boolean;
}) {
  return (
    <label className="flex min-h-touch cursor-pointer items-start gap-3 rounded-lg border border-border p-3 has-[:disabled]:cursor-not-allowed has-[:checked]:border-primary has-[:disabled]:opacity-60">
      <input
        type="radio"
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        disabled={disabled}
        className="mt-1 size-4 accent-[rgb(var(--color-primary))]"
      />
      <span className="space-y-0.5">
        <span className="block font-bold text-foreground">{label}</span>
        {hint && <span className="block text-sm text-muted">{hint}</span>}
      </span>
    </label>
  );
}

/**
 * The subscriber page's actions, each behind a confirmation dialog that says exactly what will
 * happen. Only the actions the current state allows are offered; the server checks again.
 */
export function SubscriberActions({
  subscription: sub,
  chargeInFlight,
  minDate,
  maxDate,
  actions,
}: SubscriberActionsProps) {
  // Kept here: a dialog's own button may be gone after its action (해지 → 해지 예약 취소).
  const [status, announce] = useActionNotice();
  const hidden = { subscriptionId: sub.id };
  const live = sub.status !== "canceled";
  const canWaitForPeriodEnd = sub.status === "active" || sub.status === "trialing";
  const retryable = sub.status === "past_due" || sub.status === "unpaid";
  const movable =
    (sub.status === "trialing" || sub.status === "active" || sub.status === "past_due") &&
    sub.nextChargeLabel !== null;
  const extendable = sub.status === "trialing" || sub.status === "active";

  if (!live) {
    return (
      <div className="space-y-3">
        {status}
        <p className="text-sm text-muted">해지된 구독이라 할 수 있는 작업이 없어요.</p>
      </div>
    );
  }

  return (
    <div className="space-y-3">
      {status}
      <div className="flex flex-wrap items-start gap-2">
        {retryable && (
          <ActionDialog
            triggerLabel="지금 결제 재시도"
            triggerVariant="primary"
            title="밀린 결제를 지금 다시 시도할까요?"
            description={
              <>
                <p>
                  등록된 결제수단으로 밀린 금액을 지금 결제해요:{" "}
                  <strong className="text-foreground">{sub.priceLabel}</strong>
                </p>
                <p>
                  성공하면 구독이 바로 이용 중으로 바뀌어요. 실패하면 고객에게 실패 안내가 가요.
                </p>
              </>
            }
            confirmLabel="결제 시도"
            action={actions.retry}
            hidden={hidden}
            onDone={announce}
          />
        )}

        {movable && (
          <ActionDialog
            triggerLabel="다음 결제일 변경"
            title="다음 결제일을 바꿀까요?"
            description={
              chargeInFlight ? (
                <p className="text-warning">
                  결제 결과를 확인하는 중이에요. 결과가 나온 뒤에 바꿀 수 있어요.
                </p>
              ) : (
                <>
                  <p>지금 다음 결제일: {sub.nextChargeLabel}</p>
                  <p>
                    {sub.status === "trialing"
                      ? "무료 체험이 새 날짜에 끝나고 그날 첫 결제를 해요."
                      : sub.status === "active"
                        ? "현재 이용 기간이 새 날짜까지로 바뀌고, 그 뒤로는 새 날짜를 기준으로 매번 결제해요."
                        : "다음 재시도 날짜만 바뀌어요."}
                  </p>
                </>
              )
            }
            confirmLabel="결제일 변경"
            action={actions.moveDate}
            hidden={hidden}
            onDone={announce}
          >
            {(state) => (
              <Field
                label="새 결제일"
                name="date"
                type="date"
                required
                min={minDate}
                max={maxDate}
                hint="내일부터 1년 안의 날짜를 고를 수 있어요. 결제 시각은 지금과 같아요."
                error={state.fieldErrors?.date}
              />
            )}
          </ActionDialog>
        )}

        {extendable && (
          <ActionDialog
            triggerLabel="무료 기간 추가"
            title="무료 기간을 줄까요?"
            description={
              <p>
                {sub.status === "trialing" ? "무료 체험" : "현재 이용 기간"}을 늘리고, 그만큼 다음
                결제를 미뤄요. 지금 결제되거나 환불되는 금액은 없어요.
              </p>
            }
            confirmLabel="무료 기간 추가"
            action={actions.grant}
            hidden={hidden}
            onDone={announce}
          >
            {(state) => (
              <>
                <fieldset className="space-y-2">
                  <legend className="mb-1 text-sm font-bold">기간</legend>
                  <Radio
                    name="unit"
                    value="interval"
                    label={`결제 주기 한 번 (${sub.intervalLabel})`}
                    hint="결제일은 그대로 두고 한 번 건너뛰어요."
                    defaultChecked
                  />
                  <Radio
                    name="unit"
                    value="days"
                    label="일 수로 정하기"
                    hint="아래에 적은 날만큼 늘려요."
                  />
                  <FieldError state={state} name="unit" />
                </fieldset>
                <Field
                  label="일 수 (일 수로 정할 때)"
                  name="days"
                  inputMode="numeric"
                  placeholder="예: 7"
                  error={state.fieldErrors?.days}
                />
              </>
            )}
          </ActionDialog>
        )}
        {sub.cancelAtPeriodEnd ? (
          <ActionDialog
            triggerLabel="해지 예약 취소"
            title="해지 예약을 취소할까요?"
            description={
              <p>
                {sub.periodEndLabel ? `${sub.periodEndLabel} 이후에도` : "이용 기간이 끝난 뒤에도"}{" "}
                구독이 이어지고, 다음 결제일에 다시 결제돼요 ({sub.priceLabel}).
              </p>
            }
            confirmLabel="해지 예약 취소"
            action={actions.resume}
            hidden={hidden}
            onDone={announce}
          />
        ) : (
          <ActionDialog
            triggerLabel="해지"
            triggerVariant="danger"
            title="구독을 해지할까요?"
            description={
              <p>고객에게 해지 안내 메일이 가요. 환불은 결제 화면에서 따로 할 수 있어요.</p>
            }
            confirmLabel="해지하기"
            confirmVariant="danger"
            action={actions.cancel}
            hidden={hidden}
            onDone={announce}
          >
            {(state) => (
              <>
                <fieldset className="space-y-2">
                  <legend className="mb-1 text-sm font-bold">해지 시점</legend>
                  <Radio
                    name="atPeriodEnd"
                    value="true"
                    label="이용 기간이 끝나면 해지"
                    hint={
                      canWaitForPeriodEnd
                        ? `${sub.periodEndLabel ?? "현재 기간 끝"}까지 이용하고, 그 뒤로는 결제되지 않아요.`
                        : "결제가 밀린 구독은 기간 종료 해지를 할 수 없어요."
                    }
                    defaultChecked={canWaitForPeriodEnd}
                    disabled={!canWaitForPeriodEnd}
                  />
                  <Radio
                    name="atPeriodEnd"
                    value="false"
                    label="지금 바로 해지"
                    hint="이용이 바로 끝나고 더 이상 결제되지 않아요."
                    defaultChecked={!canWaitForPeriodEnd}
                  />
                  <FieldError state={state} name="atPeriodEnd" />
                </fieldset>
                <TextAreaField
                  label="해지 사유 (선택)"
                  error={state.fieldErrors?.reason}
                  name="reason"
                  rows={2}
                  maxLength={200}
                  placeholder="예: 고객 요청 (전화 상담)"
                />
              </>
            )}
          </ActionDialog>
        )}
      </div>
    </div>
  );
}
