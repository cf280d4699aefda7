import type { Bank } from "@portone/server-sdk/common";

// The test instruments of the emulated Toss app: what a customer links to a Toss Pay billing
// key (a card, a bank account, or Toss Money), and how charges on it end. Declines answer
// 502 PG_PROVIDER with one of Toss Pay's own error codes as pgCode (docs/providers.md §1.5;
// §3.4 infers that Toss Pay's codes arrive there) and leave a FAILED payment.
//
// An instrument is stored as its id (`card:…`, `account:…`, `money:…`). The issuance screen
// offers them all; the developer tools and POST /_sandbox/billing-keys take the id.

export type Behavior =
  | "normal"
  | "decline" // 502 PG_PROVIDER with `pgCode`
  | "slow" // succeeds, but the answer takes 30 s (the client times out: look the payment up)
  | "issue_fail"; // the issuance itself fails (the screen answers code FAILURE_TYPE_PG)

type Base = {
  id: string;
  label: string;
  behavior: Behavior;
  decline?: { pgCode: string; pgMessage: string };
};

export type CardInstrument = Base & {
  kind: "card";
  company: string;
  number: string; // masked the way PortOne shows it
  cardType: "CREDIT" | "DEBIT";
};
export type AccountInstrument = Base & {
  kind: "account";
  bank: Bank;
  bankName: string;
  accountNumber: string; // masked
};
export type MoneyInstrument = Base & { kind: "money" };
export type Instrument = CardInstrument | AccountInstrument | MoneyInstrument;

const card = (
  id: string,
  company: string,
  number: string,
  label: string,
  behavior: Behavior = "normal",
  decline?: Base["decline"],
  cardType: CardInstrument["cardType"] = "CREDIT",
): CardInstrument => ({
  kind: "card",
  id: `card:${id}`,
  company,
  number,
  cardType,
  label,
  behavior,
  decline,
});

const account = (
  id: string,
  bank: Bank,
  bankName: string,
  accountNumber: string,
  label: string,
  behavior: Behavior = "normal",
  decline?: Base["decline"],
): AccountInstrument => ({
  kind: "account",
  id: `account:${id}`,
  bank,
  bankName,
  accountNumber,
  label,
  behavior,
  decline,
});

// Messages are the sandbox's wording of the code's meaning (docs/providers.md §1.5 lists
// codes, not messages).
export const INSTRUMENTS: readonly Instrument[] = [
  card("shinhan", "신한카드", "433012******1234", "정상 승인"),
  card(
    "kb-check",
    "KB국민카드",
    "949013******5678",
    "정상 승인 (체크)",
    "normal",
    undefined,
    "DEBIT",
  ),
  card("hyundai-limit", "현대카드", "540926******0001", "한도 초과", "decline", {
    pgCode: "CARD_EXCEED_LIMIT",
    pgMessage: "카드 한도가 초과되었습니다.",
  }),
  card("samsung-balance", "삼성카드", "536181******0002", "잔액 부족", "decline", {
    pgCode: "CARD_NOT_ENOUGH_BALANCE",
    pgMessage: "카드 잔액이 부족합니다.",
  }),
  card("lotte-stopped", "롯데카드", "467309******0003", "분실·정지 카드", "decline", {
    pgCode: "CARD_NOT_AVAILABLE",
    pgMessage: "분실, 도난 또는 정지된 카드입니다.",
  }),
  card("bc-maintenance", "BC카드", "625804******0004", "카드사 점검 중", "decline", {
    pgCode: "CARD_BANK_SYSTEM_ERROR",
    pgMessage: "카드사 시스템 점검 중입니다.",
  }),
  card("woori-slow", "우리카드", "944541******0005", "응답 30초 지연", "slow"),
  card("hana-fail", "하나카드", "411904******0006", "등록 실패", "issue_fail"),
  account("shinhan", "SHINHAN", "신한은행", "110-***-***789", "정상 출금"),
  account("kakaobank-low", "KAKAO", "카카오뱅크", "3333-**-***5678", "잔액 부족", "decline", {
    pgCode: "COMMON_NOT_ENOUGH_CASH",
    pgMessage: "계좌 잔액이 부족합니다.",
  }),
  account(
    "kookmin-maintenance",
    "KOOKMIN",
    "KB국민은행",
    "123456-**-***567",
    "은행 점검 시간",
    "decline",
    {
      pgCode: "COMMON_BREAK_TIME_OF_BANK",
      pgMessage: "은행 점검 시간입니다.",
    },
  ),
  { kind: "money", id: "money:toss", label: "토스머니 (충전 결제)", behavior: "normal" },
  {
    kind: "money",
    id: "money:toss-low",
    label: "토스머니 잔액 부족",
    behavior: "decline",
    decline: { pgCode: "COMMON_NOT_ENOUGH_CASH", pgMessage: "토스머니 잔액이 부족합니다." },
  },
];

export const DEFAULT_INSTRUMENT_ID = "card:shinhan";

export function findInstrument(id: string): Instrument | null {
  return INSTRUMENTS.find((i) => i.id === id) ?? null;
}

/** How the Toss app names the instrument on its screens. */
export function instrumentName(instrument: Instrument): string {
  switch (instrument.kind) {
    case "card":
      return `${instrument.company} ${instrument.number.slice(-4)}`;
    case "account":
      return `${instrument.bankName} ${instrument.accountNumber}`;
    case "money":
      return "토스머니";
  }
}
