import type { ErrorCode } from "./api-error";

// The test instruments of the billing-auth window: cards (any 15–16-digit number; a few test
// numbers decide how charges end) and 퀵계좌이체 accounts. Codes are Toss Payments' card-company
// and bank codes (docs.tosspayments.com "코드" reference: 카드사 코드, 은행 코드).
//
// An instrument is stored as an id: `card:<issuerCode>:<digits>` or `account:<id>`.

/** How charges on an instrument end. */
export type Behavior =
  | "normal"
  | "company_reject" // 403 REJECT_CARD_COMPANY
  | "insufficient" // 403 REJECT_CARD_PAYMENT / REJECT_ACCOUNT_PAYMENT
  | "stopped" // 400 INVALID_STOPPED_CARD: the customer must register again
  | "slow" // succeeds, but the answer takes 30 s (the client times out: look it up)
  | "withdrawn" // 퀵계좌이체 left at the first charge: key deleted, BILLING_DELETED sent
  | "abort"; // the window itself fails: failUrl?code=PAY_PROCESS_ABORTED

export const CARD_COMPANIES = [
  { code: "41", name: "신한카드" },
  { code: "11", name: "KB국민카드" },
  { code: "51", name: "삼성카드" },
  { code: "61", name: "현대카드" },
  { code: "71", name: "롯데카드" },
  { code: "21", name: "하나카드" },
  { code: "33", name: "우리카드" },
  { code: "31", name: "BC카드" },
  { code: "91", name: "NH농협카드" },
  { code: "15", name: "카카오뱅크" },
  { code: "24", name: "토스뱅크" },
] as const;

export const TEST_CARDS: readonly { number: string; behavior: Behavior; label: string }[] = [
  { number: "4330123412341234", behavior: "normal", label: "정상 승인" },
  { number: "4330000000000002", behavior: "company_reject", label: "카드사 승인 거절" },
  { number: "4330000000009995", behavior: "insufficient", label: "한도 초과·잔액 부족" },
  { number: "4330000000000069", behavior: "stopped", label: "정지된 카드" },
  { number: "4330000000000119", behavior: "slow", label: "응답 30초 지연" },
  { number: "4330000000000127", behavior: "abort", label: "등록 실패 (PAY_PROCESS_ABORTED)" },
];

export const TEST_ACCOUNTS: readonly {
  id: string;
  bankCode: string;
  bankName: string;
  accountNumber: string;
  behavior: Behavior;
  label: string;
}[] = [
  {
    id: "shinhan",
    bankCode: "88",
    bankName: "신한은행",
    accountNumber: "110-123-456789",
    behavior: "normal",
    label: "정상 출금",
  },
  {
    id: "kookmin",
    bankCode: "06",
    bankName: "KB국민은행",
    accountNumber: "123456-01-234567",
    behavior: "normal",
    label: "정상 출금",
  },
  {
    id: "kakaobank-low",
    bankCode: "90",
    bankName: "카카오뱅크",
    accountNumber: "3333-01-2345678",
    behavior: "insufficient",
    label: "잔액 부족",
  },
  {
    id: "tossbank-withdrawn",
    bankCode: "92",
    bankName: "토스뱅크",
    accountNumber: "1000-1234-5678",
    behavior: "withdrawn",
    label: "첫 결제 때 퀵계좌이체 탈퇴",
  },
  {
    id: "woori-slow",
    bankCode: "20",
    bankName: "우리은행",
    accountNumber: "1002-123-456789",
    behavior: "slow",
    label: "응답 30초 지연",
  },
];

export type CardInstrument = {
  kind: "card";
  id: string;
  issuerCode: string;
  companyName: string;
  digits: string;
  behavior: Behavior;
};
export type AccountInstrument = { kind: "account"; id: string } & (typeof TEST_ACCOUNTS)[number];
export type Instrument = CardInstrument | AccountInstrument;

const CARD_DIGITS = /^\d{15,16}$/;

/** The card a customer typed (spaces and dashes allowed), or null when it is not one. */
export function cardInstrument(issuerCode: string, typedNumber: string): CardInstrument | null {
  const company = CARD_COMPANIES.find((c) => c.code === issuerCode);
  const digits = typedNumber.replace(/[\s-]/g, "");
  if (!company || !CARD_DIGITS.test(digits)) return null;
  return {
    kind: "card",
    id: `card:${company.code}:${digits}`,
    issuerCode: company.code,
    companyName: company.name,
    digits,
    behavior: TEST_CARDS.find((c) => c.number === digits)?.behavior ?? "normal",
  };
}

export function findInstrument(id: string): Instrument | null {
  const [kind, first, second] = id.split(":");
  if (kind === "card" && first && second) return cardInstrument(first, second);
  const account = kind === "account" ? TEST_ACCOUNTS.find((a) => a.id === first) : undefined;
  return account ? { ...account, kind: "account", id: `account:${account.id}` } : null;
}

/** Toss shows card numbers as the first 8 digits, then stars with one more group partly seen. */
export function maskCardNumber(digits: string): string {
  return `${digits.slice(0, 8)}****${digits.slice(12, 15)}*`;
}

/** Account numbers: the first and last three digits, the rest starred (dashes kept). */
export function maskAccountNumber(accountNumber: string): string {
  const digitCount = accountNumber.replace(/\D/g, "").length;
  let seen = 0;
  return accountNumber.replace(/\d/g, (d) => {
    seen++;
    return seen <= 3 || seen > digitCount - 3 ? d : "*";
  });
}

/** What a charge on an instrument with `behavior` is declined with, if it is. */
export function declineCode(instrument: Instrument): ErrorCode | null {
  switch (instrument.behavior) {
    case "company_reject":
      return "REJECT_CARD_COMPANY";
    case "insufficient":
      return instrument.kind === "card" ? "REJECT_CARD_PAYMENT" : "REJECT_ACCOUNT_PAYMENT";
    case "stopped":
      return "INVALID_STOPPED_CARD";
    default:
      return null;
  }
}
