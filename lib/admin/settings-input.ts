import { z } from "zod";
import { cashReceiptTradeOption, consentFallbackPolicy } from "@/lib/db/schema";
import { providerNameSchema } from "@/lib/payments/provider-names";
import { particles } from "./korean-particles";

// The merchant settings forms. Billing-policy bounds keep the engine sane (docs/billing.md
// "Dunning"): retries within 30 days of the first failure, at most 10 of them.

export const RETRY_DAY_MAX = 30;
export const RETRY_COUNT_MAX = 10;

function wholeNumber(label: string, min: number, max: number, unit: string) {
  const { object, topic } = particles(label);
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: `${label}${object} 숫자로 입력해 주세요.` })
      .int(`${label}${topic} 정수로 입력해 주세요.`)
      .min(min, `${label}${topic} ${min}${unit} 이상이어야 해요.`)
      .max(max, `${label}${topic} ${max}${unit} 이하여야 해요.`),
  );
}

/** "1, 3, 5, 7" (or an array) → [1, 3, 5, 7]: days after the first failure, ascending. */
const retryDays = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/[,\s]+/)
          .filter(Boolean)
          .map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN))
      : v,
  z
    .array(
      z
        .number({ error: "재시도 일은 숫자만 쉼표로 구분해 입력해 주세요. 예: 1, 3, 5, 7" })
        .int("재시도 일은 정수로 입력해 주세요.")
        .min(1, "재시도 일은 1일 이상이어야 해요.")
        .max(RETRY_DAY_MAX, `재시도 일은 ${RETRY_DAY_MAX}일 이하여야 해요.`),
      { error: "재시도 일을 입력해 주세요. 예: 1, 3, 5, 7" },
    )
    .min(1, "재시도 일을 하나 이상 입력해 주세요. 예: 1, 3, 5, 7")
    .max(RETRY_COUNT_MAX, `재시도는 ${RETRY_COUNT_MAX}번까지 정할 수 있어요.`)
    .refine(
      (days) => days.every((day, i) => i === 0 || day > (days[i - 1] ?? 0)),
      "재시도 일은 작은 수부터 차례로, 같은 날 없이 입력해 주세요. 예: 1, 3, 5, 7",
    ),
);

export const billingPolicySchema = z.object({
  dunningRetryDays: retryDays,
  unpaidCancelAfterDays: wholeNumber("미납 후 해지까지의 기간", 1, 90, "일"),
  incompleteExpiryHours: wholeNumber("첫 결제 대기 시간", 1, 72, "시간"),
  consentFallbackPolicy: z.enum(consentFallbackPolicy.enumValues, {
    error: "동의가 없을 때의 처리 방법을 골라 주세요.",
  }),
  chargeConcurrency: wholeNumber("동시 결제 요청 수", 1, 50, "건"),
});

const optionalText = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z
      .string()
      .trim()
      .max(max, `${label}${particles(label).topic} ${max}자 이하로 입력해 주세요.`)
      .nullable()
      .default(null),
  );

export const businessInfoSchema = z.object({
  businessName: z
    .string({ error: "상호를 입력해 주세요." })
    .trim()
    .min(1, "상호를 입력해 주세요.")
    .max(100, "상호는 100자 이하로 입력해 주세요."),
  representativeName: optionalText(50, "대표자"),
  // 사업자등록번호: 10 digits, stored in the usual 000-00-00000 form.
  businessRegistrationNumber: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.replace(/[\s-]/g, "")) : v),
    z
      .string()
      .regex(/^\d{10}$/, "사업자등록번호는 숫자 10자리로 입력해 주세요. 예: 123-45-67890")
      .transform((d) => `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`)
      .nullable()
      .default(null),
  ),
  // 통신판매업 신고번호, e.g. 제2025-서울강남-01234호: formats vary by district, so free text.
  mailOrderRegistrationNumber: optionalText(50, "통신판매업 신고번호"),
  businessAddress: optionalText(200, "주소"),
  supportEmail: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z.email("고객센터 이메일 주소를 확인해 주세요. 예: help@example.com").nullable().default(null),
  ),
  supportPhone: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z
      .string()
      .regex(
        /^(?=(?:\D*\d){8,12}\D*$)\d[\d-]*\d$/,
        "고객센터 전화번호는 숫자와 하이픈으로 입력해 주세요. 예: 1588-0000, 02-123-4567",
      )
      .nullable()
      .default(null),
  ),
});

/**
 * The providers the checkout offers, in the order shown. The form sends one checkbox
 * (`enabled.<provider>`) and one position (`order.<provider>`) per provider; an array is taken
 * as is (scripts, tests).
 */
export const enabledProvidersSchema = z.object({
  enabledProviders: z
    .array(providerNameSchema, { error: "결제사를 골라 주세요." })
    .min(1, "결제사를 하나 이상 켜 주세요. 모두 끄면 고객이 구독할 수 없어요.")
    .refine((names) => new Set(names).size === names.length, "같은 결제사를 두 번 고를 수 없어요."),
});

/** The providers form's fields → { enabledProviders } in the chosen order (ties: as listed). */
export function enabledProvidersFromForm(values: Record<string, string>): {
  enabledProviders: string[];
} {
  const chosen = Object.keys(values)
    .filter((key) => key.startsWith("enabled.") && values[key] === "on")
    .map((key, listed) => {
      const name = key.slice("enabled.".length);
      const order = Number(values[`order.${name}`]);
      return { name, listed, order: Number.isFinite(order) ? order : Number.MAX_SAFE_INTEGER };
    });
  chosen.sort((a, b) => a.order - b.order || a.listed - b.listed);
  return { enabledProviders: chosen.map((c) => c.name) };
}

// The form sends radio values "true"/"false"; anything else is refused, never read as "no".
export const cashReceiptSchema = z.object({
  cashReceiptIssue: z
    .enum(["true", "false"], {
      error: "현금영수증 발급 여부를 골라 주세요.",
    })
    .transform((v) => v === "true"),
  cashReceiptTradeOption: z.enum(cashReceiptTradeOption.enumValues, {
    error: "현금영수증 발급 유형을 골라 주세요.",
  }),
});

export type BillingPolicyInput = z.output<typeof billingPolicySchema>;
export type BusinessInfoInput = z.output<typeof businessInfoSchema>;

/**
 * The stored values one settings form edits, and nothing else: the page hands them to a
 * browser form, so the rest of the settings row stays on the server.
 */
export function formValues<
  Shape extends z.ZodRawShape,
  Stored extends Record<keyof Shape, unknown>,
>(schema: z.ZodObject<Shape>, stored: Stored): Pick<Stored, keyof Shape> {
  const keys = Object.keys(schema.shape) as (keyof Shape)[];
  return Object.fromEntries(keys.map((key) => [key, stored[key]])) as Pick<Stored, keyof Shape>;
}
