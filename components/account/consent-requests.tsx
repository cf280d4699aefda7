import type { FormAction } from "@/lib/forms/form-result";
import { Badge } from "@/components/ui/badge";
import type { ConsentForCustomer } from "@/lib/billing/consent-queries";
import type { MerchantSettings } from "@/lib/db/schema";
import { formatKRW, formatSeoulDate, formatSeoulDateTime } from "@/lib/format";
import { ActionButton } from "./action-button";
import { ConfirmDialog } from "./confirm-dialog";
import { DetailRow } from "./detail-row";

// Consent requests under the 전자상거래법 시행령 (2025-02-14): a price rise or a trial turning
// paid needs the customer's yes before it is charged. Each request is a card with the change,
// its date, the deadline and what happens without an answer; an answer can be changed until
// the date of the change. Each card's id is `consent-<id>`: the request's email links there.

export type ConsentActions = { accept: FormAction; decline: FormAction };
export type ConsentFallbackPolicy = MerchantSettings["consentFallbackPolicy"];

function titleOf(consent: ConsentForCustomer): string {
  const plan = consent.planName ?? "구독";
  return consent.kind === "price_increase"
    ? `${plan} 요금 인상에 동의해 주세요`
    : `${plan} 유료 전환에 동의해 주세요`;
}

/** What happens if the customer says no or does not answer by the date. */
function withoutAnswer(consent: ConsentForCustomer, policy: ConsentFallbackPolicy): string {
  if (consent.kind === "trial_conversion") {
    return "무료 체험이 끝날 때 구독이 종료되고 결제되지 않아요.";
  }
  if (policy === "cancel_at_period_end") {
    return "현재 이용 기간이 끝나면 구독이 해지되고 더 이상 결제되지 않아요.";
  }
  return consent.oldAmount !== null
    ? `이번 결제는 기존 금액(${formatKRW(consent.oldAmount)})으로 한 번 더 진행되고, 다음 결제 전에 다시 여쭤볼게요.`
    : "이번 결제는 기존 금액으로 한 번 더 진행되고, 다음 결제 전에 다시 여쭤볼게요.";
}

type RequestProps = {
  consent: ConsentForCustomer;
  policy: ConsentFallbackPolicy;
  actions: ConsentActions;
};

function OpenRequest({ consent, policy, actions }: RequestProps) {
  const when = consent.effectiveAt ? formatSeoulDate(consent.effectiveAt) : null;
  const change =
    consent.kind === "price_increase" && consent.oldAmount !== null
      ? `${formatKRW(consent.oldAmount)} → ${formatKRW(consent.newAmount)}`
      : `무료 체험 → ${formatKRW(consent.newAmount)}`;
  const hidden = { consentId: consent.id };
  return (
    <article
      id={`consent-${consent.id}`}
      aria-labelledby={`consent-${consent.id}-title`}
      className="scroll-mt-24 rounded-card border-2 border-primary/40 bg-primary/5 p-5 sm:p-6"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`consent-${consent.id}-title`} className="text-lg font-bold">
          {titleOf(consent)}
        </h3>
        <Badge tone="info">답변 필요</Badge>
      </div>
      <p className="mt-2 text-[0.9375rem] leading-relaxed text-muted">
        {consent.kind === "price_increase"
          ? "인상된 요금으로 결제하려면 법에 따라 고객님의 동의가 필요해요."
          : "무료 체험이 끝난 뒤 유료로 이어 가려면 법에 따라 고객님의 동의가 필요해요."}
      </p>
      <dl className="mt-3 divide-y divide-border border-y border-border">
        <DetailRow
          size="sm"
          term={consent.kind === "price_increase" ? "결제 금액" : "전환 후 금액"}
        >
          <span className="tabular-nums">{change}</span>
        </DetailRow>
        {when && (
          <DetailRow
            size="sm"
            term={consent.kind === "price_increase" ? "적용 결제일" : "첫 결제일"}
          >
            {when}
          </DetailRow>
        )}
        {consent.effectiveAt && (
          <DetailRow size="sm" term="동의 기한">
            {formatSeoulDateTime(consent.effectiveAt)} 전까지
          </DetailRow>
        )}
        <DetailRow size="sm" term="답하지 않으면">
          <span className="font-normal">{withoutAnswer(consent, policy)}</span>
        </DetailRow>
      </dl>
      <p className="mt-3 text-sm text-muted">
        동의한 뒤에도 {when ? `${when} 결제 전까지` : "결제 전까지"} 이 화면에서 언제든 철회할 수
        있어요.
      </p>
      {/* Answers that say what they do, stacked full width on a phone, the same height. */}
      <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-start">
        <ActionButton
          action={actions.accept}
          hiddenFields={hidden}
          label={
            consent.kind === "trial_conversion"
              ? "유료로 계속 이용하기"
              : "새 요금으로 계속 이용하기"
          }
          loadingLabel="동의하는 중"
          block
        />
        <ConfirmDialog
          triggerBlock
          triggerLabel={
            consent.kind === "trial_conversion"
              ? "체험만 하고 끝낼게요"
              : "인상에 동의하지 않을게요"
          }
          title="동의 요청을 거절할까요?"
          confirmLabel="거절하기"
          confirmVariant="danger"
          loadingLabel="거절하는 중"
          action={actions.decline}
          hiddenFields={hidden}
        >
          <p>{withoutAnswer(consent, policy)}</p>
          <p>{when ? `${when} 전까지는` : "그 전까지는"} 마음이 바뀌면 다시 동의할 수 있어요.</p>
        </ConfirmDialog>
      </div>
    </article>
  );
}

function AnsweredRequest({ consent, policy, actions }: RequestProps) {
  const accepted = consent.status === "accepted";
  const what =
    consent.kind === "price_increase"
      ? `${consent.planName ?? "구독"} 요금 인상 (${formatKRW(consent.newAmount)})`
      : `${consent.planName ?? "구독"} 유료 전환 (${formatKRW(consent.newAmount)})`;
  const hidden = { consentId: consent.id };
  return (
    <li
      id={`consent-${consent.id}`}
      className="flex scroll-mt-24 flex-wrap items-center justify-between gap-3 py-3"
    >
      <div className="min-w-0 space-y-1">
        <p className="font-bold">{what}</p>
        <p className="text-sm text-muted">
          {consent.respondedAt ? `${formatSeoulDate(consent.respondedAt)}에 ` : ""}
          {accepted ? "동의했어요" : consent.withdrawn ? "동의를 철회했어요" : "거절했어요"}
          {consent.effectiveAt
            ? ` · ${formatSeoulDate(consent.effectiveAt)} 전까지 바꿀 수 있어요`
            : ""}
        </p>
        {!accepted && <p className="text-sm text-muted">{withoutAnswer(consent, policy)}</p>}
      </div>
      <div className="flex items-center gap-2">
        <Badge tone={accepted ? "success" : "neutral"}>
          {accepted ? "동의함" : consent.withdrawn ? "철회함" : "거절함"}
        </Badge>
        {accepted ? (
          <ConfirmDialog
            triggerLabel="동의 철회"
            triggerSize="sm"
            title="동의를 철회할까요?"
            confirmLabel="철회하기"
            confirmVariant="danger"
            loadingLabel="철회하는 중"
            action={actions.decline}
            hiddenFields={hidden}
          >
            <p>철회하면 변경된 금액으로 결제되지 않아요.</p>
          </ConfirmDialog>
        ) : (
          <ActionButton
            action={actions.accept}
            hiddenFields={hidden}
            label="다시 동의"
            loadingLabel="동의하는 중"
            variant="secondary"
            size="sm"
          />
        )}
      </div>
    </li>
  );
}

/**
 * Open consent requests first, then recent answers that can still be changed. Renders nothing
 * when there is neither. Expired requests are left out: nothing can be done about them here.
 */
export function ConsentRequests({
  consents,
  policy,
  actions,
}: {
  consents: ConsentForCustomer[];
  policy: ConsentFallbackPolicy;
  actions: ConsentActions;
}) {
  const open = consents.filter((c) => c.answerable && c.status === "requested");
  const answered = consents.filter(
    (c) => c.answerable && (c.status === "accepted" || c.status === "declined"),
  );
  if (open.length === 0 && answered.length === 0) return null;
  return (
    <section aria-labelledby="consent-requests-title" className="space-y-4">
      <h2 id="consent-requests-title" className="text-lg font-bold">
        동의 요청
      </h2>
      {open.map((consent) => (
        <OpenRequest key={consent.id} consent={consent} policy={policy} actions={actions} />
      ))}
      {answered.length > 0 && (
        <div className="rounded-card border border-border bg-surface px-5 shadow-card sm:px-6">
          <ul aria-label="답한 동의 요청" className="divide-y divide-border">
            {answered.map((consent) => (
              <AnsweredRequest
                key={consent.id}
                consent={consent}
                policy={policy}
                actions={actions}
              />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
