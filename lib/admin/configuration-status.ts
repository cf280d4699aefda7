import { getEnv, type Env } from "@/lib/env";
import { paymentMode } from "@/lib/payments/mode";
import type { PaymentMode } from "@/lib/payments/types";

// The settings page's read-only panel: which payment mode is active and whether each secret is
// configured. Only booleans leave this module; the values never reach a page.

export type ConfigurationItem = {
  name: string; // the environment variable(s), for the admin who sets them
  label: string; // what it is for, in Korean
  configured: boolean;
};

export type ConfigurationStatus = { paymentMode: PaymentMode; items: ConfigurationItem[] };

export function getConfigurationStatus(env: Env = getEnv()): ConfigurationStatus {
  const set = (...names: (keyof Env)[]) => names.every((name) => Boolean(env[name]));
  return {
    paymentMode: paymentMode(env),
    items: [
      { name: "TOSS_PAY_API_KEY", label: "토스페이 API 키", configured: set("TOSS_PAY_API_KEY") },
      { name: "CRON_SECRET", label: "정기결제 실행(cron) 인증", configured: set("CRON_SECRET") },
      { name: "SMTP_URL", label: "이메일 발송(SMTP)", configured: set("SMTP_URL") },
      {
        name: "AUTH_KAKAO_ID, AUTH_KAKAO_SECRET",
        label: "카카오 로그인",
        configured: set("AUTH_KAKAO_ID", "AUTH_KAKAO_SECRET"),
      },
      {
        name: "AUTH_NAVER_ID, AUTH_NAVER_SECRET",
        label: "네이버 로그인",
        configured: set("AUTH_NAVER_ID", "AUTH_NAVER_SECRET"),
      },
    ],
  };
}
