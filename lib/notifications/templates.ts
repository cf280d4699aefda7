import type { Plan } from "@/lib/db/schema";
import { formatKRW, formatPlanPrice, formatSeoulDate, formatSeoulDateTime } from "@/lib/format";

type BillingInterval = Plan["interval"];

// The Korean subject and body of every notification kind. Rendered once, when the outbox row is
// written, so what the customer was told is kept exactly as sent (and shown again on their
// account page and in admin). Dates are shown as Asia/Seoul business dates.

type When = Date | string;

/** Why a subscription ended, as the customer reads it. */
export type EndReason =
  | "customer_canceled"
  | "admin_canceled"
  | "trial_not_converted"
  | "price_consent_missing"
  | "unpaid"
  | "incomplete_expired";

export type ConsentRequestData =
  | {
      consentKind: "price_increase";
      consentId: string;
      planName: string;
      interval: BillingInterval;
      intervalCount: number;
      oldAmount: number; // KRW
      newAmount: number; // KRW
      // The renewal that would be charged at the new price.
      effectiveAt: When;
      // What happens without consent (merchant_settings.consent_fallback_policy).
      fallback: "renew_at_old_price" | "cancel_at_period_end";
    }
  | {
      consentKind: "trial_conversion";
      consentId: string;
      planName: string;
      interval: BillingInterval;
      intervalCount: number;
      newAmount: number; // KRW, the first paid charge
      // Trial end: the moment of the first charge.
      effectiveAt: When;
    };

export type NotificationData = {
  payment_method_linked: { methodLabel: string };
  receipt: {
    planName: string;
    amount: number; // KRW
    orderId: string;
    approvedAt: When;
    // charge_attempts.id: our receipt page (/account/receipts/<id>). Absent in emails queued
    // before it was sent; those link the account page.
    chargeId?: string;
    // The provider's own receipt (a card's 매출전표), when it gave one.
    receiptUrl?: string | null;
    // "정기결제", "요금제 변경 차액" …; what the money paid for.
    description?: string;
    periodStart?: When | null;
    periodEnd?: When | null;
    nextChargeAt?: When | null;
  };
  payment_failed: {
    planName: string;
    amount: number; // KRW
    // charge_attempts.customer_message: the provider's reason in Korean.
    reason: string;
    nextRetryAt?: When | null;
    // Last day of access while the payment is outstanding (grace), when known.
    accessUntil?: When | null;
  };
  payment_recovered: {
    planName: string;
    amount: number; // KRW
    chargeId?: string;
    receiptUrl?: string | null;
    nextChargeAt?: When | null;
  };
  action_required: {
    planName: string;
    reason: string;
    amountDue?: number | null; // KRW, the outstanding period
    accessUntil?: When | null;
  };
  trial_ending: {
    planName: string;
    trialEnd: When;
    interval: BillingInterval;
    intervalCount: number;
    amount: number; // KRW per period after the trial
    // False when the trial will end without a charge unless the customer consents.
    willConvert: boolean;
  };
  consent_request: ConsentRequestData;
  subscription_canceled: {
    planName: string;
    atPeriodEnd: boolean;
    // When access ends (period end), or when it ended (immediate cancel).
    endsAt?: When | null;
    // A customer's 청약철회 or cancel-now refund, requested with the cancellation
    // (docs/cancellation-and-withdrawal.md); refund_issued follows when the provider confirms.
    refund?: {
      kind: "withdrawal" | "prorated";
      amount: number; // KRW
      remainingDays?: number | null;
    } | null;
  };
  subscription_ended: { planName: string; reason: EndReason; endedAt: When };
  refund_issued: {
    planName?: string | null;
    amount: number; // KRW
    orderId: string;
    refundedAt?: When | null;
    reason?: string | null;
  };
  // The link that proves the customer owns the address (single use, expires at expiresAt).
  email_verification: { verifyUrl: string; expiresAt: When };
  // Someone tried to sign up with an address that already has an account. Sent to that
  // address instead of telling the person at the form, so sign-up never reveals who is a member.
  sign_up_attempt: { signInUrl: string };
  // A provider reported the method's key deleted through an unsigned event it offers no way to
  // confirm (Toss Payments BILLING_DELETED, docs/providers.md §2.6). The method still counts
  // until the next charge says otherwise, so this asks the customer to check, not to panic.
  payment_method_removal_reported: { methodLabel: string; providerLabel: string };
  // The password-reset link (lib/auth/password-reset-token.ts): single use, 30 minutes.
  // `passwordless`: a Kakao/Naver-only account, which the link lets set a first password.
  password_reset: { resetUrl: string; expiresAt: When; passwordless: boolean };
  // Sent to the NEW address: its link makes it the account's address (change-email.ts).
  email_change_verification: { confirmUrl: string; expiresAt: When; newEmail: string };
  // Sent to the OLD address: a change was asked for, or done.
  email_change_notice: { newEmail: string; stage: "requested" | "changed" };
};

export type NotificationKind = keyof NotificationData;

/** A kind together with the data its template needs. */
export type NotificationContent = {
  [K in NotificationKind]: { kind: K; data: NotificationData[K] };
}[NotificationKind];

export type TemplateContext = {
  appUrl: string;
  businessName: string;
  supportEmail?: string | null;
  supportPhone?: string | null;
};

export type RenderedNotification = { subject: string; body: string };

const won = formatKRW;
const date = (value: When) => formatSeoulDate(value);
const dateTime = (value: When) => formatSeoulDateTime(value);

export function accountUrl(ctx: Pick<TemplateContext, "appUrl">): string {
  return `${ctx.appUrl.replace(/\/+$/, "")}/account`;
}

/** Where the customer answers a consent request: the account page, at that request. */
/** Our receipt page of one charge. */
export function receiptPageUrl(ctx: Pick<TemplateContext, "appUrl">, chargeId: string): string {
  return `${accountUrl(ctx)}/receipts/${encodeURIComponent(chargeId)}`;
}

/** Where a paid charge's receipts are: ours (공급가액 · 부가세), and the provider's when given. */
function receiptLines(
  d: { chargeId?: string; receiptUrl?: string | null },
  ctx: Pick<TemplateContext, "appUrl">,
): string[] {
  return [
    d.chargeId ? `- 영수증: ${receiptPageUrl(ctx, d.chargeId)}` : `- 결제 내역: ${accountUrl(ctx)}`,
    ...(d.receiptUrl ? [`- 카드 매출전표: ${d.receiptUrl}`] : []),
  ];
}

export function consentUrl(ctx: Pick<TemplateContext, "appUrl">, consentId: string): string {
  return `${accountUrl(ctx)}#consent-${consentId}`;
}

const END_REASON: Record<EndReason, string> = {
  customer_canceled: "요청하신 해지에 따라 구독이 종료됐어요.",
  admin_canceled: "운영자가 구독을 해지해 구독이 종료됐어요.",
  trial_not_converted:
    "무료 체험이 끝날 때까지 유료 전환에 동의하지 않으셔서 결제 없이 구독이 종료됐어요.",
  price_consent_missing:
    "변경된 요금에 동의하지 않으셔서 현재 이용 기간이 끝나며 구독이 종료됐어요.",
  unpaid: "결제가 이뤄지지 않아 구독이 종료됐어요.",
  incomplete_expired: "첫 결제가 완료되지 않아 구독 신청이 취소됐어요.",
};

/**
 * The consent text itself (전자상거래법 시행령, 2025-02-14): the amount, the date the changed
 * charge applies, what happens without consent, and how to withdraw. Stored as consents.wording
 * as evidence and used as the body of the consent_request notification, so both say the same.
 */
export function renderConsentWording(data: ConsentRequestData, ctx: TemplateContext): string {
  const perPeriod = (amount: number) =>
    formatPlanPrice({ amount, interval: data.interval, intervalCount: data.intervalCount });
  const link = consentUrl(ctx, data.consentId);
  const when = date(data.effectiveAt);
  if (data.consentKind === "price_increase") {
    const fallback =
      data.fallback === "renew_at_old_price"
        ? `동의하지 않거나 ${when}까지 답하지 않으시면, 이번 결제는 기존 금액(${perPeriod(data.oldAmount)})으로 한 번 더 진행되고 다음 결제 전에 다시 동의를 여쭤볼게요.`
        : `동의하지 않거나 ${when}까지 답하지 않으시면, 현재 이용 기간이 끝나는 ${when}에 구독이 해지되고 더 이상 결제되지 않아요.`;
    return [
      `${data.planName} 요금이 인상돼요(${perPeriod(data.oldAmount)} → ${perPeriod(data.newAmount)}). 인상된 요금으로 결제하려면 고객님의 동의가 필요해요.`,
      "",
      `- 변경 전 금액: ${perPeriod(data.oldAmount)}`,
      `- 변경 후 금액: ${perPeriod(data.newAmount)}`,
      `- 변경 금액이 적용되는 결제일: ${when}`,
      `- 동의 기한: ${dateTime(data.effectiveAt)} 결제 전까지`,
      "",
      `동의하시면 ${when} 결제부터 인상된 금액(${perPeriod(data.newAmount)})으로 결제돼요.`,
      fallback,
      "",
      `동의 또는 거절하기: ${link}`,
      `동의 철회 방법: 동의한 뒤에도 ${when} 결제 전까지 언제든 ${link} 에서 동의를 철회하거나 구독을 해지할 수 있어요. 철회하면 인상된 금액으로 결제되지 않아요.`,
    ].join("\n");
  }
  return [
    `${data.planName} 무료 체험이 ${dateTime(data.effectiveAt)}에 끝나요. 체험이 끝난 뒤 유료 구독으로 전환하려면 고객님의 동의가 필요해요.`,
    "",
    `- 전환 후 결제 금액: ${perPeriod(data.newAmount)}`,
    `- 첫 결제일: ${when} (이후 같은 주기로 자동 결제)`,
    `- 동의 기한: ${dateTime(data.effectiveAt)} 체험 종료 전까지`,
    "",
    `동의하시면 ${when}에 ${won(data.newAmount)}이 결제되고 구독이 이어져요.`,
    `동의하지 않거나 답하지 않으시면 체험이 끝날 때 구독이 종료되고, 결제되지 않아요.`,
    "",
    `동의 또는 거절하기: ${link}`,
    `동의 철회 방법: 동의한 뒤에도 체험이 끝나기 전까지 언제든 ${link} 에서 동의를 철회하거나 구독을 해지할 수 있어요. 철회하면 결제되지 않아요.`,
  ].join("\n");
}

function footer(ctx: TemplateContext): string {
  const contacts = [ctx.supportEmail, ctx.supportPhone].filter(Boolean).join(" / ");
  return [
    "",
    "—",
    ctx.businessName,
    `구독 관리: ${accountUrl(ctx)}`,
    contacts
      ? `문의: ${contacts}`
      : "이 메일은 발신 전용이에요. 문의는 구독 관리 페이지를 이용해 주세요.",
  ].join("\n");
}

function lines(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === "string").join("\n");
}

function bodyOf(content: NotificationContent, ctx: TemplateContext): RenderedNotification {
  const tag = `[${ctx.businessName}]`;
  const account = accountUrl(ctx);
  switch (content.kind) {
    case "payment_method_linked": {
      const d = content.data;
      return {
        subject: `${tag} 결제수단이 등록됐어요`,
        body: lines(
          `${d.methodLabel}이(가) 자동결제 수단으로 등록됐어요.`,
          "앞으로 구독료는 이 결제수단으로 자동 결제돼요.",
          "",
          `직접 등록하지 않으셨다면 바로 ${account} 에서 확인해 주세요.`,
        ),
      };
    }
    case "receipt": {
      const d = content.data;
      const description = d.description ?? "자동결제";
      return {
        subject: `${tag} ${d.planName} ${description} 영수증 (${won(d.amount)})`,
        body: lines(
          `${d.planName} ${description} ${won(d.amount)}이 결제됐어요.`,
          "",
          `- 결제 금액: ${won(d.amount)}`,
          `- 결제 일시: ${dateTime(d.approvedAt)}`,
          d.periodStart && d.periodEnd
            ? `- 이용 기간: ${date(d.periodStart)} ~ ${date(d.periodEnd)}`
            : null,
          d.nextChargeAt ? `- 다음 결제 예정일: ${date(d.nextChargeAt)}` : null,
          `- 주문번호: ${d.orderId}`,
          ...receiptLines(d, ctx),
        ),
      };
    }
    case "payment_failed": {
      const d = content.data;
      return {
        subject: `${tag} ${d.planName} 결제에 실패했어요`,
        body: lines(
          `${d.planName} 구독료 ${won(d.amount)} 결제에 실패했어요.`,
          "",
          `실패 사유: ${d.reason}`,
          "",
          "해결 방법:",
          "- 카드 한도, 잔액, 유효기간을 확인해 주세요.",
          `- 다른 결제수단을 쓰시려면 ${account} 에서 새 결제수단을 등록해 주세요. 등록하면 밀린 결제를 바로 다시 시도해요.`,
          "",
          d.nextRetryAt
            ? `다음 결제는 ${dateTime(d.nextRetryAt)}에 자동으로 다시 시도해요.`
            : "자동 재시도는 더 이상 없어요. 결제수단을 확인해 주세요.",
          d.accessUntil
            ? `결제가 밀린 동안에도 ${date(d.accessUntil)}까지는 서비스를 계속 이용할 수 있어요.`
            : null,
        ),
      };
    }
    case "payment_recovered": {
      const d = content.data;
      return {
        subject: `${tag} ${d.planName} 결제가 완료됐어요`,
        body: lines(
          `밀려 있던 ${d.planName} 구독료 ${won(d.amount)}이 결제되어 구독이 정상으로 돌아왔어요.`,
          "",
          d.nextChargeAt ? `- 다음 결제 예정일: ${date(d.nextChargeAt)}` : null,
          ...receiptLines(d, ctx),
        ),
      };
    }
    case "action_required": {
      const d = content.data;
      return {
        subject: `${tag} 결제수단을 새로 등록해 주세요`,
        body: lines(
          `${d.planName} 구독료를 결제할 수 없어요: ${d.reason}`,
          "",
          `${account} 에서 새 결제수단을 등록해 주세요.`,
          d.amountDue
            ? `등록하면 밀린 구독료 ${won(d.amountDue)}을 바로 결제해요.`
            : "등록하면 밀린 구독료를 바로 결제해요.",
          d.accessUntil
            ? `${date(d.accessUntil)}까지 등록하지 않으시면 서비스 이용이 중단돼요.`
            : null,
        ),
      };
    }
    case "trial_ending": {
      const d = content.data;
      const price = formatPlanPrice({
        amount: d.amount,
        interval: d.interval,
        intervalCount: d.intervalCount,
      });
      return {
        subject: `${tag} ${d.planName} 무료 체험이 ${date(d.trialEnd)}에 끝나요`,
        body: lines(
          `${d.planName} 무료 체험이 ${dateTime(d.trialEnd)}에 끝나요.`,
          "",
          d.willConvert
            ? `체험이 끝나면 자동으로 결제되고 구독이 이어져요(결제 금액: ${price}).`
            : `유료 전환에 동의하지 않으시면 체험이 끝날 때 구독이 종료되고, 결제되지 않아요(전환 후 결제 금액: ${price}).`,
          d.willConvert
            ? `계속 이용하지 않으시려면 체험이 끝나기 전에 ${account} 에서 해지해 주세요. 해지하면 결제되지 않아요.`
            : `유료 전환에 동의하시려면 ${account} 에서 동의해 주세요.`,
        ),
      };
    }
    case "consent_request": {
      const d = content.data;
      return {
        subject:
          d.consentKind === "price_increase"
            ? `${tag} ${d.planName} 요금 인상 안내 및 동의 요청`
            : `${tag} ${d.planName} 무료 체험 후 유료 전환 동의 요청`,
        body: renderConsentWording(d, ctx),
      };
    }
    case "subscription_canceled": {
      const d = content.data;
      return {
        subject:
          d.refund?.kind === "withdrawal"
            ? `${tag} ${d.planName} 청약철회가 접수됐어요 (${won(d.refund.amount)} 환불)`
            : d.refund
              ? `${tag} ${d.planName} 구독이 해지됐어요 (${won(d.refund.amount)} 환불)`
              : `${tag} ${d.planName} 구독 해지가 접수됐어요`,
        body: d.atPeriodEnd
          ? lines(
              d.endsAt
                ? `${d.planName} 구독은 ${date(d.endsAt)}까지 이용할 수 있고, 그 뒤로는 결제되지 않아요.`
                : `${d.planName} 구독은 현재 이용 기간이 끝나면 종료되고, 그 뒤로는 결제되지 않아요.`,
              `마음이 바뀌시면 그 전에 ${account} 에서 해지를 취소할 수 있어요.`,
            )
          : d.refund
            ? lines(
                d.refund.kind === "withdrawal"
                  ? `${d.planName} 구독을 청약철회했어요. 구독은 바로 끝났고, 결제하신 ${won(d.refund.amount)}을 모두 환불해요.`
                  : `${d.planName} 구독이 바로 해지됐어요. 남은 ${d.refund.remainingDays ?? 0}일치 ${won(d.refund.amount)}을 환불해요.`,
                "",
                `- 환불 금액: ${won(d.refund.amount)}`,
                d.endsAt ? `- 해지 일시: ${dateTime(d.endsAt)}` : null,
                "- 환불은 결제하신 수단으로 돌아가요. 카드사나 은행에 따라 반영까지 영업일 기준 3~7일이 걸릴 수 있어요.",
                "",
                "더 이상 결제되지 않아요. 환불이 완료되면 한 번 더 알려 드릴게요.",
              )
            : lines(`${d.planName} 구독이 바로 해지됐어요. 더 이상 결제되지 않아요.`),
      };
    }
    case "subscription_ended": {
      const d = content.data;
      return {
        subject: `${tag} ${d.planName} 구독이 종료됐어요`,
        body: lines(
          END_REASON[d.reason],
          `- 종료 일시: ${dateTime(d.endedAt)}`,
          "",
          `다시 구독하시려면 ${ctx.appUrl.replace(/\/+$/, "")}/pricing 을 방문해 주세요.`,
        ),
      };
    }
    case "refund_issued": {
      const d = content.data;
      return {
        subject: `${tag} ${won(d.amount)} 환불이 처리됐어요`,
        body: lines(
          `${d.planName ? `${d.planName} ` : ""}결제 ${won(d.amount)}이 환불됐어요.`,
          "",
          `- 환불 금액: ${won(d.amount)}`,
          d.refundedAt ? `- 환불 일시: ${dateTime(d.refundedAt)}` : null,
          `- 주문번호: ${d.orderId}`,
          d.reason ? `- 사유: ${d.reason}` : null,
          "",
          "카드사나 은행에 따라 환불이 반영되기까지 영업일 기준 3~7일이 걸릴 수 있어요.",
        ),
      };
    }
    case "email_verification": {
      const d = content.data;
      return {
        subject: `${tag} 이메일 주소를 확인해 주세요`,
        body: lines(
          "가입을 마치려면 아래 링크를 눌러 이메일 주소를 확인해 주세요.",
          "",
          d.verifyUrl,
          "",
          `이 링크는 ${dateTime(d.expiresAt)}까지 한 번만 쓸 수 있어요.`,
          "직접 가입하지 않으셨다면 이 메일은 무시해 주세요. 확인하지 않은 계정은 쓸 수 없어요.",
        ),
      };
    }
    case "payment_method_removal_reported": {
      const d = content.data;
      return {
        subject: `${tag} 등록된 결제수단을 확인해 주세요`,
        body: lines(
          `${d.providerLabel}에서 ${d.methodLabel}의 자동결제가 해지됐다는 알림을 받았어요.`,
          "",
          `직접 해지하셨거나 퀵계좌이체를 탈퇴하셨다면, 구독이 끊기지 않도록 ${account} 에서 결제수단을 다시 등록해 주세요.`,
          "해지하신 적이 없다면 그대로 두셔도 돼요. 다음 결제가 정상적으로 되면 지금처럼 이용하실 수 있어요.",
        ),
      };
    }
    case "password_reset": {
      const d = content.data;
      return {
        subject: `${tag} 비밀번호 재설정 링크를 보내 드려요`,
        body: lines(
          "비밀번호를 새로 정하려면 아래 링크를 눌러 주세요.",
          "",
          d.resetUrl,
          "",
          `이 링크는 ${dateTime(d.expiresAt)}까지 한 번만 쓸 수 있어요. 새 비밀번호를 정하면 로그인된 다른 기기에서는 모두 로그아웃돼요.`,
          d.passwordless
            ? "지금은 카카오·네이버로만 로그인하고 계세요. 그대로 카카오·네이버로 로그인하셔도 되고, 이 링크로 비밀번호를 정하면 이메일로도 로그인할 수 있어요."
            : null,
          "비밀번호 재설정을 요청하지 않으셨다면 이 메일은 무시해 주세요. 비밀번호는 바뀌지 않아요.",
        ),
      };
    }
    case "email_change_verification": {
      const d = content.data;
      return {
        subject: `${tag} 새 이메일 주소를 확인해 주세요`,
        body: lines(
          `로그인 이메일을 ${d.newEmail}(으)로 바꾸려면 아래 링크를 눌러 주세요.`,
          "",
          d.confirmUrl,
          "",
          `이 링크는 ${dateTime(d.expiresAt)}까지 한 번만 쓸 수 있어요. 확인하기 전까지는 기존 이메일로 로그인해요.`,
          "직접 요청하지 않으셨다면 이 메일은 무시해 주세요.",
        ),
      };
    }
    case "email_change_notice": {
      const d = content.data;
      return d.stage === "requested"
        ? {
            subject: `${tag} 로그인 이메일 변경 요청이 있었어요`,
            body: lines(
              `계정의 로그인 이메일을 ${d.newEmail}(으)로 바꾸는 요청이 있었어요. 새 주소에서 확인해야 바뀌고, 그전까지는 이 주소로 로그인해요.`,
              "",
              `직접 요청하지 않으셨다면 ${account} 에서 비밀번호를 바꿔 주세요.`,
            ),
          }
        : {
            subject: `${tag} 로그인 이메일이 바뀌었어요`,
            body: lines(
              `계정의 로그인 이메일이 ${d.newEmail}(으)로 바뀌었어요. 앞으로는 새 주소로 로그인하고 메일도 새 주소로 받아요.`,
              "",
              "직접 바꾸지 않으셨다면 고객센터로 바로 알려 주세요.",
            ),
          };
    }
    case "sign_up_attempt": {
      const d = content.data;
      return {
        subject: `${tag} 이미 가입된 이메일로 가입 시도가 있었어요`,
        body: lines(
          "이 이메일 주소로 새로 가입하려는 요청이 있었어요. 이미 가입된 주소라 새 계정은 만들지 않았어요.",
          "",
          `본인이라면 여기서 로그인해 주세요: ${d.signInUrl}`,
          "본인이 아니라면 이 메일은 무시해도 돼요. 계정에는 아무 변화가 없어요.",
        ),
      };
    }
  }
}

export function renderNotification(
  content: NotificationContent,
  ctx: TemplateContext,
): RenderedNotification {
  const { subject, body } = bodyOf(content, ctx);
  return { subject, body: `${body}\n${footer(ctx)}` };
}
