import type { MethodSummary } from "@/lib/payment-methods/find-own-method";

export type MethodDisplay = Pick<
  MethodSummary,
  | "kind"
  | "cardCompany"
  | "cardNumberMasked"
  | "cardMethodType"
  | "bankName"
  | "accountNumberMasked"
>;

export type MethodDescription = {
  /** "국민카드", "신한은행", "토스머니". */
  title: string;
  /** The masked number as the provider sent it, grouped for reading; null when there is none. */
  number: string | null;
  /** "신용", "체크", "선불" for cards. */
  type: string | null;
  /** Why details are missing, when they will come later. */
  pending: string | null;
};

const CARD_TYPE: Record<NonNullable<MethodDisplay["cardMethodType"]>, string> = {
  credit: "신용",
  check: "체크",
  prepaid: "선불",
};

/** "457973******410*" → "4579 73** **** 410*": Toss masks the middle digits (and some last ones). */
export function groupCardNumber(masked: string): string {
  const compact = masked.replace(/[\s-]/g, "");
  return compact.length === 16 ? (compact.match(/.{1,4}/g) ?? [compact]).join(" ") : compact;
}

// Registering a 퀵계좌이체 account tells us nothing about it; the first charge's answer names
// the bank and the masked number (docs/providers.md §2.3.1).
const ACCOUNT_PENDING = "은행과 계좌번호는 첫 결제 후 표시돼요";

/**
 * How a linked method reads to the customer. Toss sends the card company without "카드"
 * ("국민", "신한"), so it is added here; details may be missing while a registration is
 * being confirmed.
 */
export function describeMethod(method: MethodDisplay): MethodDescription {
  switch (method.kind) {
    case "card": {
      const company = method.cardCompany?.trim();
      return {
        title: company ? (company.endsWith("카드") ? company : `${company}카드`) : "카드",
        number: method.cardNumberMasked ? groupCardNumber(method.cardNumberMasked) : null,
        type: method.cardMethodType ? CARD_TYPE[method.cardMethodType] : null,
        pending: null,
      };
    }
    case "account":
      return {
        title: method.bankName ?? "계좌",
        number: method.accountNumberMasked,
        type: null,
        pending: method.bankName || method.accountNumberMasked ? null : ACCOUNT_PENDING,
      };
    case "toss_money":
      return { title: "토스머니", number: null, type: null, pending: null };
    default:
      return { title: "토스페이 결제수단", number: null, type: null, pending: null };
  }
}

/** One line for lists and screen readers: "국민카드 체크 4579 73** **** 410*". */
export function methodLabel(method: MethodDisplay): string {
  const { title, number, type } = describeMethod(method);
  return [title, type, number].filter(Boolean).join(" ");
}
