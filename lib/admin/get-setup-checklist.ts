import { and, desc, eq, isNotNull, or } from "drizzle-orm";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { BILLING_JOB, NOTIFICATIONS_JOB } from "@/lib/cron/job-names";
import { lastSuccessfulRun } from "@/lib/cron/cron-runs";
import { db } from "@/lib/db/client";
import { notifications } from "@/lib/db/schema";
import { getEnv, type Env } from "@/lib/env";
import {
  describeBusinessDetails,
  missingBusinessDetails,
  type BusinessDetail,
} from "@/lib/merchant/missing-business-details";
import { detailsBlockingCheckout } from "@/lib/merchant/require-business-details";
import type { PaymentMode } from "@/lib/payments/types";
import { countPlansByStatus } from "@/lib/plans/queries";
import { getConfigurationStatus } from "./configuration-status";

// The dashboard's first-run checklist: what still stands between this deployment and taking
// real money, read from the real configuration (env booleans, the settings row, cron_runs, the
// outbox, the plans), each with one plain sentence on what to do and where.

/**
 * How long since a job's last success before we call it stalled: billing runs hourly
 * (vercel.json), so two hours means at least one run was missed; email delivery runs every
 * five minutes, so an hour means it is not running.
 */
export const CRON_STALE_AFTER_MS = {
  billing: 2 * 60 * 60 * 1000,
  notifications: 60 * 60 * 1000,
} as const;

export type SetupItemId =
  "payments" | "business_details" | "email" | "billing_cron" | "notifications_cron" | "plans";

export type SetupItem = {
  id: SetupItemId;
  title: string;
  done: boolean;
  /** One plain sentence or two: what is the case, and what to do if it is not done. */
  explanation: string;
  href: string;
  linkLabel: string;
};

export type SetupChecklist = {
  paymentMode: PaymentMode;
  items: SetupItem[];
  /** Non-empty only when the store is live and checkout refuses for want of these details. */
  checkoutClosedFor: BusinessDetail[];
  complete: boolean;
};

type LastDelivery = { status: "sent" | "failed" | "pending" } | undefined;

/** The newest email with a delivery outcome: sent, given up, or failed and waiting to retry. */
async function lastDelivery(): Promise<LastDelivery> {
  const [row] = await db()
    .select({ status: notifications.status })
    .from(notifications)
    .where(
      or(
        eq(notifications.status, "sent"),
        eq(notifications.status, "failed"),
        and(eq(notifications.status, "pending"), isNotNull(notifications.lastError)),
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  if (!row || row.status === "skipped") return undefined;
  return { status: row.status };
}

async function lastSuccessAt(job: string): Promise<Date | null> {
  const run = await lastSuccessfulRun(job);
  return run ? (run.finishedAt ?? run.startedAt) : null;
}

export async function getSetupChecklist(
  options: { now?: Date; env?: Env } = {},
): Promise<SetupChecklist> {
  const now = options.now ?? new Date();
  const configuration = getConfigurationStatus(options.env ?? getEnv());
  const configured = (name: string) =>
    configuration.items.some((item) => item.name === name && item.configured);

  const [settings, plans, delivery, billingAt, notificationsAt] = await Promise.all([
    loadMerchantSettings(db()),
    countPlansByStatus(),
    lastDelivery(),
    lastSuccessAt(BILLING_JOB),
    lastSuccessAt(NOTIFICATIONS_JOB),
  ]);
  const mode = configuration.paymentMode;
  const missing = missingBusinessDetails(settings);
  const fresh = (at: Date | null, job: keyof typeof CRON_STALE_AFTER_MS) =>
    at !== null && now.getTime() - at.getTime() <= CRON_STALE_AFTER_MS[job];

  const items: SetupItem[] = [
    {
      id: "payments",
      title: "토스페이 실결제 키",
      done: mode === "live",
      explanation:
        mode === "live"
          ? "라이브 키(sk_live_…)로 실제 결제를 받고 있어요."
          : "지금은 테스트 모드라 실제로 결제되지 않아요. 토스페이에서 받은 라이브 키(sk_live_…)를 TOSS_PAY_API_KEY에 넣고 다시 배포하세요. 데모용 설정 ALLOW_SANDBOX_IN_PRODUCTION은 함께 지워야 해요.",
      href: "/admin/settings",
      linkLabel: "결제 연동 상태 보기",
    },
    {
      id: "business_details",
      title: "사업자 정보",
      done: missing.length === 0,
      explanation:
        missing.length === 0
          ? "전자상거래법에 따라 스토어 하단에 보여야 하는 사업자 정보를 모두 입력했어요."
          : `입력이 필요해요: ${describeBusinessDetails(missing)}. 모두 입력해야 실결제 모드에서 고객이 구독을 시작할 수 있어요.`,
      href: "/admin/settings",
      linkLabel: "사업자 정보 입력하기",
    },
    {
      id: "email",
      title: "고객 안내 메일",
      done: configured("SMTP_URL") && (delivery === undefined || delivery.status === "sent"),
      explanation: !configured("SMTP_URL")
        ? "SMTP_URL이 없어서 영수증, 결제 실패 안내, 동의 요청 메일이 고객에게 가지 않아요. 메일 서버 주소를 SMTP_URL에 설정하세요."
        : delivery && delivery.status !== "sent"
          ? "마지막 메일을 보내지 못했어요. 발송 내역에서 오류를 확인하고 SMTP_URL과 EMAIL_FROM을 점검하세요."
          : delivery
            ? "메일 발송이 설정돼 있고, 마지막 메일도 잘 보냈어요."
            : "메일 발송이 설정돼 있어요. 아직 보낸 메일은 없어요.",
      href: "/admin/notifications",
      linkLabel: "발송 내역 보기",
    },
    {
      id: "billing_cron",
      title: "정기결제 자동 실행",
      done: fresh(billingAt, "billing"),
      explanation: fresh(billingAt, "billing")
        ? "정기결제 작업이 매시간 잘 실행되고 있어요."
        : `${billingAt ? "정기결제 작업이 2시간 넘게 실행되지 않았어요" : "정기결제 작업이 아직 한 번도 실행되지 않았어요"}. 이대로면 결제일이 된 구독이 결제되지 않아요. README의 배포 안내대로 cron과 CRON_SECRET을 설정했는지 확인하세요.`,
      href: "#billing-health",
      linkLabel: "실행 상태 보기",
    },
    {
      id: "notifications_cron",
      title: "메일 자동 발송",
      done: fresh(notificationsAt, "notifications"),
      explanation: fresh(notificationsAt, "notifications")
        ? "보낼 메일을 5분마다 확인하는 작업이 잘 실행되고 있어요."
        : `${notificationsAt ? "메일 발송 작업이 1시간 넘게 실행되지 않았어요" : "메일 발송 작업이 아직 한 번도 실행되지 않았어요"}. 보내지 못한 메일이 쌓일 수 있어요. README의 배포 안내대로 cron과 CRON_SECRET을 설정했는지 확인하세요.`,
      href: "/admin/notifications",
      linkLabel: "발송 내역 보기",
    },
    {
      id: "plans",
      title: "첫 요금제",
      done: plans.active > 0,
      explanation:
        plans.active > 0
          ? `요금제 ${plans.active}개를 판매하고 있어요.`
          : "판매 중인 요금제가 없어서 고객이 구독할 수 없어요. 첫 요금제를 만들어 주세요.",
      href: plans.active > 0 ? "/admin/plans" : "/admin/plans/new",
      linkLabel: plans.active > 0 ? "요금제 관리" : "요금제 만들기",
    },
  ];

  return {
    paymentMode: mode,
    items,
    checkoutClosedFor: detailsBlockingCheckout(settings, mode),
    complete: items.every((item) => item.done),
  };
}
