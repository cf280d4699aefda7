import { z } from "zod";
import { billingInterval } from "@/lib/db/schema";
import { formatKRW } from "@/lib/format/krw";
import { particles } from "./korean-particles";

// The plan editor's fields, parsed the same way from a form (strings) or from code (numbers,
// arrays). Limits mirror the plans table's check constraints, so a bad value is refused here
// with a message instead of failing in the database.

// Toss Pay's card minimum (docs/billing.md "Money"); no plan can be charged below it.
export const PLAN_MIN_AMOUNT = 100;
export const PLAN_MAX_AMOUNT = 100_000_000;
export const PLAN_MAX_FEATURES = 20;

/**
 * "9,900", " 9900원 " → 9900 (a pasted "₩9,900" too). Blank or missing → `fallback` (an
 * optional field's default), or undefined so a required field says it is missing.
 */
function wonOrInteger(fallback?: number) {
  return (value: unknown): unknown => {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "string") return value;
    const cleaned = value.replace(/[\s,₩원]/g, "");
    if (cleaned === "") return fallback;
    return /^-?\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  };
}

function wholeNumber(label: string, min: number, max: number, unit: string) {
  const { object, topic } = particles(label);
  return z
    .number({ error: `${label}${object} 숫자로 입력해 주세요.` })
    .int(`${label}${topic} 정수로 입력해 주세요.`)
    .min(min, `${label}${topic} ${min}${unit} 이상이어야 해요.`)
    .max(max, `${label}${topic} ${max.toLocaleString("en-US")}${unit} 이하여야 해요.`);
}

function integer(
  label: string,
  min: number,
  max: number,
  options: { unit?: string; fallback?: number } = {},
) {
  return z.preprocess(
    wonOrInteger(options.fallback),
    wholeNumber(label, min, max, options.unit ?? ""),
  );
}

/** Like integer, but blank means "not given" (undefined) rather than a default. */
function optionalInteger(label: string, min: number, max: number) {
  return z.preprocess(wonOrInteger(), wholeNumber(label, min, max, "").optional());
}

function amountField(label: string, min: number, fallback?: number) {
  const { object, topic } = particles(label);
  return z.preprocess(
    wonOrInteger(fallback),
    z
      .number({ error: `${label}${object} 원 단위 숫자로 입력해 주세요.` })
      .int(`${label}${topic} 원 단위 정수로 입력해 주세요.`)
      .min(min, `${label}${topic} ${formatKRW(min)} 이상이어야 해요.`)
      .max(PLAN_MAX_AMOUNT, `${label}${topic} ${formatKRW(PLAN_MAX_AMOUNT)} 이하여야 해요.`),
  );
}

/** A textarea with one feature per line, or an array from code. Blank lines are dropped. */
const features = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
      : value,
  z
    .array(z.string().trim().min(1).max(100, "혜택 한 줄은 100자 이하로 입력해 주세요."))
    .max(PLAN_MAX_FEATURES, `혜택은 ${PLAN_MAX_FEATURES}줄까지 입력할 수 있어요.`),
);

const editableFields = {
  name: z
    .string({ error: "요금제 이름을 입력해 주세요." })
    .trim()
    .min(1, "요금제 이름을 입력해 주세요.")
    .max(50, "요금제 이름은 50자 이하로 입력해 주세요."),
  description: z.string().trim().max(300, "설명은 300자 이하로 입력해 주세요.").default(""),
  features: features.default([]),
  amount: amountField("가격", PLAN_MIN_AMOUNT),
  amountTaxFree: amountField("면세 금액", 0, 0),
  interval: z.enum(billingInterval.enumValues, { error: "결제 주기를 선택해 주세요." }),
  intervalCount: integer("결제 주기 간격", 1, 36),
  trialDays: integer("무료 체험 기간", 0, 365, { unit: "일", fallback: 0 }),
  // Blank: a new plan goes last; an edited one keeps its place.
  sortOrder: optionalInteger("표시 순서", 0, 1_000_000),
};

function taxFreeWithinAmount(
  input: { amount: number; amountTaxFree: number },
  ctx: z.RefinementCtx,
) {
  if (input.amountTaxFree > input.amount) {
    ctx.addIssue({
      code: "custom",
      path: ["amountTaxFree"],
      message: "면세 금액은 가격보다 클 수 없어요.",
    });
  }
}

export const planUpdateSchema = z.object(editableFields).superRefine(taxFreeWithinAmount);

export const planCreateSchema = z
  .object({
    ...editableFields,
    // The pricing page's URL (/subscribe/<slug>); fixed once created so links keep working.
    slug: z
      .string({ error: "주소용 이름(slug)을 입력해 주세요." })
      .trim()
      .toLowerCase()
      .min(2, "주소용 이름은 2자 이상이어야 해요.")
      .max(50, "주소용 이름은 50자 이하로 입력해 주세요.")
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        "주소용 이름은 영문 소문자, 숫자, 하이픈(-)만 쓸 수 있어요. 예: pro-yearly",
      ),
  })
  .superRefine(taxFreeWithinAmount);

export type PlanUpdateInput = z.output<typeof planUpdateSchema>;
export type PlanCreateInput = z.output<typeof planCreateSchema>;
