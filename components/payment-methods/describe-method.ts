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
      };
    }
    case "account":
      return {
        title: method.bankName ?? "계좌",
        number: method.accountNumberMasked,
        type: null,
      };
    case "toss_money":
      return { title: "토스머니", number: null, type: null };
    default:
      return { title: "토스페이 결제수단", number: null, type: null };
  }
}

/** One line for lists and screen readers: "국민카드 체크 4579 73** **** 410*". */
export function methodLabel(method: MethodDisplay): string {
  const { title, number, type } = describeMethod(method);
  return [title, type, number].filter(Boolean).join(" ");
}
