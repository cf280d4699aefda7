"use client";

import { useRouter } from "next/navigation";
import {
  useActionState,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type ReactNode,
} from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Spinner } from "@/components/ui/spinner";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatKRW, formatSeoulDate } from "@/lib/format";
import type { RegistrationStatus } from "@/lib/payment-methods/registration-status";
import { IDLE, type FormAction } from "@/lib/forms/form-result";
import { choiceButtonLabels } from "./choice-button-labels";
import { MethodChoiceField } from "./method-choice";
import type { MethodChoice } from "./method-choices";
import { RecurringConsentForm } from "./recurring-consent-form";
import { RegistrationCountdown } from "./registration-countdown";
import {
  isSettled,
  parseRegistrationStatus,
  registrationView,
  type RegistrationPurpose,
  type RegistrationView,
} from "./registration-status-schema";

type RegistrationButtons = Pick<
  ComponentProps<typeof RecurringConsentForm>,
  "submitLabel" | "loadingLabel" | "submitVariant"
>;

// The status API syncs with Toss itself at most every 8 s; polling it every 2 s just reads our
// database, so the page moves on within ~2 s of the callback. A charge whose result is still
// unknown after two minutes is being looked up by the billing engine: poll more gently.
const POLL_MS = 2_000;
const SLOW_POLL_MS = 10_000;
const SLOW_AFTER_MS = 120_000;

type Tone = "progress" | "success" | "warning" | "danger";

type Headline = { tone: Tone; title: string; body: ReactNode };

/** What the customer reads while the provider waits for them. */
export type WaitingCopy = { title: string; body: string; deadline: string; howToStop: string };

// Toss Pay: the customer approves in the Toss app.
const APP_APPROVAL_COPY: WaitingCopy = {
  title: "토스 앱에서 승인을 기다리고 있어요",
  body: "토스 앱에서 카드나 계좌를 고르고 승인하면 이 화면이 저절로 넘어가요.",
  deadline: "그 안에 토스 앱에서 승인해 주세요.",
  howToStop:
    "등록을 그만두려면 등록 취소를 누르거나 토스 앱에서 취소하면 돼요. 승인하기 전에는 결제되지 않아요.",
};

function headline(
  view: RegistrationView,
  purpose: RegistrationPurpose,
  waiting: WaitingCopy,
): Headline {
  switch (view.kind) {
    case "waiting":
      return { tone: "progress", title: waiting.title, body: waiting.body };
    case "charging":
      return {
        tone: "progress",
        title: "결제 결과를 확인하고 있어요",
        body: "결제수단이 등록됐어요. 결제 결과가 나오면 바로 보여드릴게요. 이 화면을 닫아도 결과는 내 구독에서 볼 수 있어요.",
      };
    case "trial":
      return {
        tone: "success",
        title: "무료 체험이 시작됐어요",
        body: view.trialEnd
          ? `체험은 ${formatSeoulDate(view.trialEnd)}까지예요. 오늘은 결제되지 않았어요. 체험이 끝나기 전에 유료 전환 동의를 여쭤보고, 동의하면 ${formatSeoulDate(view.trialEnd)}에 ${view.amount === null ? "요금제 금액" : formatKRW(view.amount)}이 결제돼요.`
          : "오늘은 결제되지 않았고, 체험이 끝나기 전에 알려드릴게요.",
      };
    case "paid":
      return {
        tone: "success",
        title: purpose === "checkout" ? "구독이 시작됐어요" : "결제수단을 바꾸고 결제했어요",
        body: (
          <>
            <span className="block">{formatKRW(view.amount)} 결제를 마쳤어요.</span>
            {view.next && (
              <span className="mt-1 block">
                다음 결제일은{" "}
                <strong className="text-foreground">{formatSeoulDate(view.next.at)}</strong>
                이고, <strong className="text-foreground">{formatKRW(view.next.amount)}</strong>이
                자동결제돼요.
              </span>
            )}
          </>
        ),
      };
    case "paid_start":
      return {
        tone: "warning",
        title: "이 결제수단으로 이미 무료 체험을 이용하셨어요",
        body: `무료 체험은 결제수단 하나에 한 번만 드려요. 아직 결제되지 않았어요. 유료로 시작하면 오늘 ${formatKRW(view.amount)}이 결제돼요.`,
      };
    case "linked":
      return {
        tone: "success",
        title: "결제수단을 바꿨어요",
        body: "다음 결제부터 새 결제수단으로 결제되고, 이전 결제수단의 자동결제는 해지돼요.",
      };
    case "declined":
      return {
        tone: "danger",
        title: purpose === "checkout" ? "첫 결제에 실패했어요" : "결제에 실패했어요",
        body: (
          <>
            <span className="block font-bold text-foreground">
              {view.message ?? "결제가 승인되지 않았어요."}
            </span>
            <span className="mt-1 block">
              결제수단은 등록됐지만 {formatKRW(view.amount)} 결제가 되지 않았어요.
              {view.canRetry && " 다시 시도하거나 다른 결제수단을 등록해 주세요."}
            </span>
          </>
        ),
      };
    case "failed":
      return { tone: "danger", title: "결제수단을 등록하지 못했어요", body: view.message };
    case "expired":
      return { tone: "warning", title: "등록 시간이 지났어요", body: view.message };
    case "cancelled":
      return {
        tone: "warning",
        title: "등록을 취소했어요",
        body: "승인하기 전에 취소해서 결제되지 않았어요. 다시 등록하려면 아래에서 시작해 주세요.",
      };
  }
}

const ICON_TONE: Record<Tone, string> = {
  progress: "bg-primary/10 text-primary",
  success: "bg-success/10 text-success",
  warning: "bg-warning/10 text-warning",
  danger: "bg-danger/10 text-danger",
};

function StatusIcon({ tone }: { tone: Tone }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        "flex size-12 shrink-0 items-center justify-center rounded-full",
        ICON_TONE[tone],
      )}
    >
      {tone === "progress" ? (
        <Spinner className="size-6" />
      ) : (
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-6">
          {tone === "success" ? (
            <path
              fillRule="evenodd"
              clipRule="evenodd"
              d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
            />
          ) : (
            <path
              fillRule="evenodd"
              clipRule="evenodd"
              d="M10 2.5a1.25 1.25 0 0 1 1.25 1.25v7.5a1.25 1.25 0 1 1-2.5 0v-7.5A1.25 1.25 0 0 1 10 2.5Zm0 15a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Z"
            />
          )}
        </svg>
      )}
    </span>
  );
}

/** Polls the status API while something can still change; `pollNow` asks at once. */
function useRegistrationStatus(
  methodId: string,
  initial: RegistrationStatus,
  purpose: RegistrationPurpose,
) {
  const [status, setStatus] = useState(initial);
  const view = registrationView(status, purpose);
  const settled = isSettled(view);
  const [problem, setProblem] = useState<string | null>(null);
  const failures = useRef(0);

  const pollNow = useCallback(async (): Promise<"continue" | "stop"> => {
    try {
      const response = await fetch(`/api/payment-methods/${methodId}/status`, {
        cache: "no-store",
        headers: { accept: "application/json" },
      });
      if (response.status === 401) {
        setProblem("로그인이 끝났어요. 다시 로그인하면 결과를 볼 수 있어요.");
        return "stop";
      }
      if (!response.ok) throw new Error(`status ${response.status}`);
      const next = parseRegistrationStatus(await response.json());
      if (!next) throw new Error("unexpected status body");
      failures.current = 0;
      setProblem(null);
      setStatus((previous) =>
        JSON.stringify(previous) === JSON.stringify(next) ? previous : next,
      );
    } catch {
      failures.current += 1;
      // One lost request is normal on a phone switching apps; say something only if it lasts.
      if (failures.current >= 3) {
        setProblem("연결이 원활하지 않아요. 계속 확인하고 있어요.");
      }
    }
    return "continue";
  }, [methodId]);

  useEffect(() => {
    if (settled) return;
    const startedAt = Date.now();
    let stopped = false;
    let inFlight = false;
    let timer: number | undefined;
    const run = async () => {
      if (stopped || inFlight) return;
      inFlight = true;
      window.clearTimeout(timer);
      const next = await pollNow();
      inFlight = false;
      if (stopped || next === "stop") return;
      const delay = Date.now() - startedAt > SLOW_AFTER_MS ? SLOW_POLL_MS : POLL_MS;
      timer = window.setTimeout(() => void run(), delay);
    };
    timer = window.setTimeout(() => void run(), POLL_MS);
    // Coming back from the Toss app (or another tab): look at once instead of waiting.
    const onVisible = () => {
      if (document.visibilityState === "visible") void run();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [settled, pollNow]);

  return { status, view, settled, problem, pollNow };
}

/**
 * One button acting on this registration (다시 결제 시도, 등록 취소); whatever the answer, the
 * status is asked again at once so the page shows the result.
 */
function RegistrationActionForm({
  action,
  methodId,
  onDone,
  ...button
}: {
  action: FormAction;
  methodId: string;
  onDone: () => void;
} & Pick<
  ComponentProps<typeof SubmitButton>,
  "variant" | "fullWidth" | "className" | "loadingLabel" | "children"
>) {
  const [state, formAction] = useActionState(action, IDLE);
  useEffect(() => {
    if (state.status !== "idle") onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="methodId" value={methodId} />
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
      <SubmitButton size="lg" {...button} />
    </form>
  );
}

export type RegistrationWaitingProps = {
  methodId: string;
  initialStatus: RegistrationStatus;
  purpose: RegistrationPurpose;
  consentText: string;
  /** The QR code or the app buttons, or what opens the provider's window (shown while waiting). */
  appLinks: ReactNode;
  /** Copy while waiting, when the customer does not approve in the Toss app. */
  waitingCopy?: WaitingCopy | undefined;
  /** The linked card or account once it is active (the page refreshes to fetch it). */
  linkedMethod: ReactNode;
  retryCharge: FormAction;
  /** 등록 취소: ends the pending registration (cancel-registration.ts). */
  cancelRegistration: FormAction;
  startNewRegistration: FormAction;
  /** 유료로 시작하기: agrees to the paid start the view shows (paid_start). */
  confirmPaidStart: FormAction;
  /** A checkout's agreement per method choice, for starting over (the plan's amount and days). */
  consentTextByChoice?: Record<string, string> | undefined;
  /** What a new registration may go through (method-choices.ts), this one's preselected. */
  choices: readonly MethodChoice[];
  selectedChoice?: string | undefined;
};

/**
 * The waiting page's live part: what is happening with the registration, announced to screen
 * readers as it changes, and what the customer can do next.
 */
export function RegistrationWaiting({
  methodId,
  initialStatus,
  purpose,
  consentText,
  appLinks,
  waitingCopy = APP_APPROVAL_COPY,
  linkedMethod,
  retryCharge,
  cancelRegistration,
  startNewRegistration,
  confirmPaidStart,
  consentTextByChoice,
  choices,
  selectedChoice,
}: RegistrationWaitingProps) {
  const router = useRouter();
  const { status, view, settled, problem, pollNow } = useRegistrationStatus(
    methodId,
    initialStatus,
    purpose,
  );

  // Once the method is active, the server has its card or account details to show.
  const wasSettled = useRef(settled);
  useEffect(() => {
    if (settled && !wasSettled.current) router.refresh();
    wasSettled.current = settled;
  }, [settled, router]);

  const refreshStatus = useCallback(() => void pollNow(), [pollNow]);
  const { tone, title, body } = headline(view, purpose, waitingCopy);
  const showMethod = view.kind === "paid" || view.kind === "trial" || view.kind === "linked";
  const [onlyChoice] = choices;
  const appOnly = choices.length === 1 && onlyChoice?.provider === "toss_pay";
  // The radio MethodChoiceField preselects: the given one if offered, else the first.
  const initialChoice = choices.some((choice) => choice.value === selectedChoice)
    ? selectedChoice
    : onlyChoice?.value;
  // A declined, failed or expired registration offers a fresh one with the same consent and
  // choices; only the buttons differ.
  const newRegistrationForm = (buttons: RegistrationButtons) => (
    <RecurringConsentForm
      action={startNewRegistration}
      consentText={consentText}
      consentTextByChoice={consentTextByChoice}
      initialChoice={initialChoice}
      hiddenFields={{ methodId }}
      {...buttons}
    >
      <MethodChoiceField choices={choices} selected={selectedChoice} />
    </RecurringConsentForm>
  );

  return (
    <Card className="overflow-hidden">
      <div className="space-y-6 p-5 sm:p-8">
        {/* One live region for every state, so each change is announced once. */}
        <div
          role="status"
          aria-live="polite"
          aria-atomic="true"
          className="flex flex-col gap-3 sm:flex-row sm:gap-4"
        >
          <StatusIcon tone={tone} />
          <div className="min-w-0 space-y-1.5 sm:pt-1">
            <h2 className="text-xl font-bold tracking-tight">{title}</h2>
            <p className="leading-relaxed text-muted">{body}</p>
          </div>
        </div>

        {problem && <Alert tone="warning">{problem}</Alert>}

        {view.kind === "waiting" && (
          <>
            {status.expiresAt && (
              <RegistrationCountdown expiresAt={status.expiresAt} action={waitingCopy.deadline} />
            )}
            {appLinks}
            <div className="space-y-3 border-t border-border pt-4">
              <p className="text-sm text-muted">{waitingCopy.howToStop}</p>
              <RegistrationActionForm
                action={cancelRegistration}
                methodId={methodId}
                onDone={refreshStatus}
                variant="secondary"
                className="w-full sm:w-auto"
                loadingLabel="취소하는 중"
              >
                등록 취소
              </RegistrationActionForm>
            </div>
          </>
        )}

        {showMethod && linkedMethod && (
          <div className="rounded-xl border border-border p-4">{linkedMethod}</div>
        )}

        {view.kind === "paid" && (
          <div className="flex flex-col gap-3 sm:flex-row">
            {view.receiptUrl && (
              <a
                href={view.receiptUrl}
                target="_blank"
                rel="noopener noreferrer"
                className={buttonClasses({
                  variant: "secondary",
                  size: "lg",
                  className: "w-full sm:w-auto",
                })}
              >
                영수증 보기<span className="sr-only"> (새 창)</span>
              </a>
            )}
            <ButtonLink href="/account" size="lg" className="w-full sm:w-auto">
              내 구독으로 가기
            </ButtonLink>
          </div>
        )}

        {(view.kind === "trial" || view.kind === "linked" || view.kind === "charging") && (
          <ButtonLink
            href="/account"
            size="lg"
            variant={view.kind === "charging" ? "secondary" : "primary"}
            className="w-full sm:w-auto"
          >
            내 구독으로 가기
          </ButtonLink>
        )}

        {view.kind === "paid_start" && (
          <div className="space-y-4">
            {linkedMethod && (
              <div className="rounded-xl border border-border p-4">{linkedMethod}</div>
            )}
            <RecurringConsentForm
              action={confirmPaidStart}
              consentText={view.consentText}
              hiddenFields={{ methodId, consentText: view.consentText }}
              submitLabel="유료로 시작하기"
              loadingLabel="결제하는 중"
            />
            <p className="text-sm text-muted">
              시작하지 않으려면 이 화면을 닫으면 돼요. 동의하기 전에는 결제되지 않아요.
            </p>
          </div>
        )}

        {view.kind === "declined" && (
          <div className="space-y-6">
            {view.canRetry && (
              <RegistrationActionForm
                action={retryCharge}
                methodId={methodId}
                onDone={refreshStatus}
                fullWidth
                loadingLabel="다시 결제하는 중"
              >
                다시 결제 시도
              </RegistrationActionForm>
            )}
            <section
              aria-labelledby="reregister-title"
              className="space-y-3 border-t border-border pt-6"
            >
              <h3 id="reregister-title" className="font-bold">
                다른 결제수단으로 다시 등록
              </h3>
              {newRegistrationForm({
                ...choiceButtonLabels(choices, ""),
                submitLabel: "다른 결제수단으로 다시 등록",
                submitVariant: "secondary",
              })}
            </section>
          </div>
        )}

        {(view.kind === "failed" || view.kind === "expired" || view.kind === "cancelled") && (
          <section aria-labelledby="retry-title" className="space-y-3 border-t border-border pt-6">
            <h3 id="retry-title" className="font-bold">
              다시 등록하기
            </h3>
            <p className="text-sm text-muted">
              {appOnly
                ? "새 등록 링크를 만들어 드려요. 토스 앱에서 15분 안에 승인해 주세요."
                : "결제수단을 고르고 다시 등록해 주세요. 등록을 마치기 전에는 결제되지 않아요."}
            </p>
            {newRegistrationForm(choiceButtonLabels(choices, "다시 등록"))}
          </section>
        )}
      </div>
    </Card>
  );
}
