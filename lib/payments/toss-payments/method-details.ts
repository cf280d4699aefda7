import type { CardType, MethodDetails } from "../types";
import type { CardFields, TransferFields } from "./schemas";

// Display details from Toss Payments' Billing and Payment objects (docs/providers.md §2.3).
// Card companies by issuerCode and banks by bank code, from Toss Payments' code tables
// (docs.tosspayments.com/codes/org-codes). Names are written the way our pages expect them:
// a card company without "카드" (components/payment-methods/describe-method.ts adds it), a bank
// with its full name.

const CARD_COMPANIES: Record<string, string> = {
  "3K": "기업비씨",
  "46": "광주",
  "71": "롯데",
  "30": "KDB산업",
  "31": "비씨",
  "51": "삼성",
  "38": "새마을금고",
  "41": "신한",
  "62": "신협",
  "36": "씨티",
  "33": "우리",
  W1: "우리",
  "37": "우체국",
  "39": "저축은행",
  "35": "전북",
  "42": "제주",
  "15": "카카오뱅크",
  "3A": "케이뱅크",
  "24": "토스뱅크",
  "21": "하나",
  "61": "현대",
  "11": "KB국민",
  "91": "NH농협",
  "34": "Sh수협",
  "6D": "다이너스",
  "4M": "마스터",
  "3C": "유니온페이",
  "7A": "아메리칸익스프레스",
  "4J": "JCB",
  "4V": "VISA",
};

// Toss Payments sends two-digit bank codes ("88"); we store three digits ("088").
const BANKS: Record<string, string> = {
  "002": "KDB산업은행",
  "003": "IBK기업은행",
  "004": "KB국민은행",
  "006": "KB국민은행",
  "007": "Sh수협은행",
  "011": "NH농협은행",
  "012": "단위농협",
  "020": "우리은행",
  "023": "SC제일은행",
  "027": "씨티은행",
  "031": "DGB대구은행",
  "032": "부산은행",
  "034": "광주은행",
  "035": "제주은행",
  "037": "전북은행",
  "039": "경남은행",
  "045": "새마을금고",
  "048": "신협",
  "050": "저축은행",
  "054": "HSBC은행",
  "064": "산림조합",
  "071": "우체국",
  "081": "하나은행",
  "088": "신한은행",
  "089": "케이뱅크",
  "090": "카카오뱅크",
  "092": "토스뱅크",
};

const CARD_TYPES: Record<string, CardType> = {
  신용: "credit",
  체크: "check",
  기프트: "prepaid",
  CREDIT: "credit",
  CHECK: "check",
  GIFT: "prepaid",
};

export function cardDetails(
  card: CardFields | null | undefined,
  topLevel: { cardCompany?: string | undefined; cardNumber?: string | undefined } = {},
): MethodDetails {
  const code = card?.issuerCode ?? null;
  return {
    kind: "card",
    cardCompany:
      (code ? CARD_COMPANIES[code] : undefined) ??
      withoutCardSuffix(card?.company ?? topLevel.cardCompany) ??
      null,
    cardCompanyCode: code,
    maskedNumber: card?.number ?? topLevel.cardNumber ?? null,
    cardType: card?.cardType ? (CARD_TYPES[card.cardType] ?? null) : null,
  };
}

/**
 * A 퀵계좌이체 account. Registration does not reveal it (seed 002: "등록 시점에는 구매자의 계좌
 * 정보를 알 수 없습니다"); a charge answer's `transfer` names the bank, so every field may be null.
 */
export function accountDetails(transfer: TransferFields | null | undefined): MethodDetails {
  const bankCode = paddedBankCode(transfer?.bankCode);
  return {
    kind: "account",
    bankCode,
    bankName: transfer?.bankName ?? (bankCode ? (BANKS[bankCode] ?? null) : null),
    maskedAccountNumber: transfer?.accountNumber ?? null,
  };
}

function paddedBankCode(code: string | undefined): string | null {
  if (!code) return null;
  return /^\d{1,3}$/.test(code) ? code.padStart(3, "0") : code;
}

function withoutCardSuffix(name: string | undefined): string | undefined {
  return name?.replace(/카드$/, "") || undefined;
}

/** Which details an answer carries: a card, a 퀵계좌이체 account, or nothing we can tell. */
export function methodOf(body: {
  method?: string | undefined;
  card?: CardFields | null | undefined;
  transfer?: TransferFields | null | undefined;
  cardCompany?: string | undefined;
  cardNumber?: string | undefined;
}): MethodDetails | null {
  if (body.card || body.cardCompany || body.cardNumber) return cardDetails(body.card, body);
  if (body.transfer || body.method === "계좌이체" || body.method === "TRANSFER") {
    return accountDetails(body.transfer);
  }
  if (body.method === "카드" || body.method === "CARD") return cardDetails(null);
  return null;
}
