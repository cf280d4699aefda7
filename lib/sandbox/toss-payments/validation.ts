import { type ErrorCode, TossPaymentsError } from "./api-error";

// Field rules of the request bodies (docs/providers.md §2.2–§2.3). A missing required field is
// 400 INVALID_REQUIRED_PARAM; a field that breaks its rule gets the field's own code when the
// docs name one (INVALID_ORDER_ID, INVALID_CUSTOMER_KEY…), else INVALID_REQUEST. The message
// names the field, so a merchant sees at once what to fix.

type Body = Record<string, unknown>;

type StringRule = { max: number; min?: number; pattern?: RegExp; code?: ErrorCode };

function broken(name: string, rule: { code?: ErrorCode }, why: string): TossPaymentsError {
  return new TossPaymentsError(rule.code ?? "INVALID_REQUEST", `${name}: ${why}`);
}

export function optionalString(body: Body, name: string, rule: StringRule): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw broken(name, rule, "문자열이어야 합니다.");
  if (value.length < (rule.min ?? 1) || value.length > rule.max) {
    throw broken(name, rule, `${rule.min ?? 1}자 이상 ${rule.max}자 이하여야 합니다.`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw broken(name, rule, "허용되지 않는 문자가 있습니다.");
  }
  return value;
}

export function requiredString(body: Body, name: string, rule: StringRule): string {
  const value = optionalString(body, name, rule);
  if (value === undefined) {
    throw new TossPaymentsError("INVALID_REQUIRED_PARAM", `${name}: 필수 파라미터입니다.`);
  }
  return value;
}

type IntRule = { min?: number; max?: number; code?: ErrorCode };

export function optionalInt(body: Body, name: string, rule: IntRule = {}): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw broken(name, rule, "정수여야 합니다.");
  }
  if (rule.min !== undefined && value < rule.min) {
    throw broken(name, rule, `${rule.min} 이상이어야 합니다.`);
  }
  if (rule.max !== undefined && value > rule.max) {
    throw broken(name, rule, `${rule.max} 이하여야 합니다.`);
  }
  return value;
}

export function requiredInt(body: Body, name: string, rule: IntRule = {}): number {
  const value = optionalInt(body, name, rule);
  if (value === undefined) {
    throw new TossPaymentsError("INVALID_REQUIRED_PARAM", `${name}: 필수 파라미터입니다.`);
  }
  return value;
}

// docs/providers.md §2.2: the charsets published for customerKey disagree; the sandbox takes
// the wider one (2–300 of letters, digits and - _ = . , @ *), which every UUID satisfies.
export const CUSTOMER_KEY: StringRule = {
  min: 2,
  max: 300,
  pattern: /^[A-Za-z0-9\-_=.,@*]+$/,
  code: "INVALID_CUSTOMER_KEY",
};

// docs/providers.md §2.3.2: 6–64 letters, digits, - and _.
export const ORDER_ID: StringRule = {
  min: 6,
  max: 64,
  pattern: /^[A-Za-z0-9\-_]+$/,
  code: "INVALID_ORDER_ID",
};

export const EMAIL: StringRule = {
  max: 100,
  pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  code: "INVALID_EMAIL",
};
