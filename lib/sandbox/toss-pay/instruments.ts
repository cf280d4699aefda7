// The test payment methods a customer can link in the sandbox's Toss app screen. An instrument
// is a method (one of the ten card companies of docs/providers.md §1.6, or an account/토스머니) plus
// a behaviour that decides what its charges do, so a developer can make a charge succeed,
// decline with each documented reason, or answer too late for the client's timeout.
//
// Instrument ids: `card:<cardCompanyCode>:<behavior>` (e.g. `card:4:normal`),
// `account:<bankCode>:<behavior>` (e.g. `account:888:insufficient` for 토스머니), and
// `doc:example` for the documentation fixture key (the card of the docs' bill example).

export const BEHAVIORS = ["normal", "insufficient", "limit", "suspended", "slow"] as const;
export type Behavior = (typeof BEHAVIORS)[number];

export const BEHAVIOR_LABELS: Record<Behavior, string> = {
  normal: "정상 승인",
  insufficient: "잔액 부족",
  limit: "한도 초과",
  suspended: "정지된 카드·계좌",
  slow: "응답 지연 (30초)",
};

// How long a `slow` instrument's charge takes to answer. The charge is made at once; only the
// answer is late, longer than the ~15 s client timeout docs/providers.md §1.7 recommends, so the
// client has to look the order up.
export const SLOW_CHARGE_RESPONSE_MS = 30_000;

export type CardCompany = {
  code: number;
  name: string; // as Toss sends it in cardCompanyName
  displayName: string;
  supported: boolean;
  color: string;
  textColor: string;
  bin: string;
  methodType: "CREDIT" | "CHECK";
};

// docs/providers.md §1.6, acquirer based. 씨티 is listed by Toss as not supported.
export const CARD_COMPANIES: readonly CardCompany[] = [
  {
    code: 1,
    name: "신한",
    displayName: "신한카드",
    supported: true,
    color: "#0046FF",
    textColor: "#fff",
    bin: "451842",
    methodType: "CREDIT",
  },
  {
    code: 2,
    name: "현대",
    displayName: "현대카드",
    supported: true,
    color: "#111111",
    textColor: "#fff",
    bin: "433028",
    methodType: "CREDIT",
  },
  {
    code: 3,
    name: "삼성",
    displayName: "삼성카드",
    supported: true,
    color: "#1428A0",
    textColor: "#fff",
    bin: "536181",
    methodType: "CREDIT",
  },
  {
    code: 4,
    name: "국민",
    displayName: "KB국민카드",
    supported: true,
    color: "#FFBC00",
    textColor: "#3d3000",
    bin: "457973",
    methodType: "CHECK",
  },
  {
    code: 5,
    name: "롯데",
    displayName: "롯데카드",
    supported: true,
    color: "#E60012",
    textColor: "#fff",
    bin: "531764",
    methodType: "CREDIT",
  },
  {
    code: 6,
    name: "하나",
    displayName: "하나카드",
    supported: true,
    color: "#008485",
    textColor: "#fff",
    bin: "465887",
    methodType: "CREDIT",
  },
  {
    code: 7,
    name: "우리",
    displayName: "우리카드",
    supported: true,
    color: "#0067AC",
    textColor: "#fff",
    bin: "553177",
    methodType: "CREDIT",
  },
  {
    code: 8,
    name: "농협",
    displayName: "NH농협카드",
    supported: true,
    color: "#00A651",
    textColor: "#fff",
    bin: "546252",
    methodType: "CHECK",
  },
  {
    code: 9,
    name: "씨티",
    displayName: "씨티카드",
    supported: false,
    color: "#003B70",
    textColor: "#fff",
    bin: "540926",
    methodType: "CREDIT",
  },
  {
    code: 10,
    name: "비씨",
    displayName: "BC카드",
    supported: true,
    color: "#F04A4E",
    textColor: "#fff",
    bin: "558526",
    methodType: "CREDIT",
  },
];

export type Account = {
  bankCode: string; // zero-padded to 3 digits (docs/providers.md §1.6)
  bankName: string;
  displayName: string;
  accountNumber: string; // masked, as Toss sends it; the literal "토스머니" for Toss Money
  color: string;
};

export const ACCOUNTS: readonly Account[] = [
  {
    bankCode: "888",
    bankName: "토스머니",
    displayName: "토스머니",
    accountNumber: "토스머니",
    color: "#3182F6",
  },
  {
    bankCode: "088",
    bankName: "신한은행",
    displayName: "신한은행 계좌",
    accountNumber: "110******676",
    color: "#0046FF",
  },
  {
    bankCode: "090",
    bankName: "카카오뱅크",
    displayName: "카카오뱅크 계좌",
    accountNumber: "3333******412",
    color: "#FFE300",
  },
  {
    bankCode: "092",
    bankName: "토스뱅크",
    displayName: "토스뱅크 계좌",
    accountNumber: "1000******835",
    color: "#0064FF",
  },
];

export type CardFields = {
  payMethod: "CARD";
  cardMethodType: "CREDIT" | "CHECK";
  cardUserType: "PERSONAL";
  cardCompanyCode: number;
  cardCompanyName: string;
  cardNumber: string;
  cardNum4Print: string;
  cardBinNumber: string;
};

export type AccountFields = {
  payMethod: "TOSS_MONEY";
  accountBankCode: string;
  accountBankName: string;
  accountNumber: string;
};

export type Decline = { errorCode: string; msg: string };

export type Instrument = {
  id: string;
  behavior: Behavior;
  label: string; // Korean, for screens and the ledger
  decline: Decline | null;
  fields: CardFields | AccountFields;
};

// docs/providers.md §1.5: the documented codes for each reason, by kind of method.
const CARD_DECLINES: Partial<Record<Behavior, Decline>> = {
  insufficient: { errorCode: "CARD_NOT_ENOUGH_BALANCE", msg: "카드 잔액이 부족합니다." },
  limit: { errorCode: "CARD_EXCEED_LIMIT", msg: "카드 한도를 초과했습니다." },
  suspended: { errorCode: "CARD_NOT_AVAILABLE", msg: "분실, 도난 또는 정지된 카드입니다." },
};
const ACCOUNT_DECLINES: Partial<Record<Behavior, Decline>> = {
  insufficient: { errorCode: "COMMON_NOT_ENOUGH_CASH", msg: "잔액이 부족합니다." },
  limit: { errorCode: "COMMON_EXCEED_LIMIT", msg: "이체 한도를 초과했습니다." },
  suspended: { errorCode: "INVALID_ACCOUNT_STATUS", msg: "거래할 수 없는 계좌 상태입니다." },
};

// Distinct last digits per behaviour, so a developer can tell two linked methods apart in the
// storefront (and "the same method twice" is detectable, docs/providers.md §1.3).
const BEHAVIOR_DIGITS: Record<Behavior, string> = {
  normal: "10",
  insufficient: "20",
  limit: "30",
  suspended: "40",
  slow: "50",
};

export const DOCUMENTATION_INSTRUMENT_ID = "doc:example";

function cardInstrument(company: CardCompany, behavior: Behavior): Instrument {
  // Toss masks the middle digits and, for some issuers, the very last one ("410*").
  const last3 = `${String(company.code % 10)}${BEHAVIOR_DIGITS[behavior]}`;
  return {
    id: `card:${company.code}:${behavior}`,
    behavior,
    label: `${company.displayName} ${last3}* (${BEHAVIOR_LABELS[behavior]})`,
    decline: CARD_DECLINES[behavior] ?? null,
    fields: {
      payMethod: "CARD",
      cardMethodType: company.methodType,
      cardUserType: "PERSONAL",
      cardCompanyCode: company.code,
      cardCompanyName: company.name,
      cardNumber: `${company.bin}******${last3}*`,
      cardNum4Print: `${last3}*`,
      cardBinNumber: company.bin,
    },
  };
}

function accountInstrument(account: Account, behavior: Behavior): Instrument {
  return {
    id: `account:${account.bankCode}:${behavior}`,
    behavior,
    label: `${account.displayName} (${BEHAVIOR_LABELS[behavior]})`,
    decline: ACCOUNT_DECLINES[behavior] ?? null,
    fields: {
      payMethod: "TOSS_MONEY",
      accountBankCode: account.bankCode,
      accountBankName: account.bankName,
      accountNumber: account.accountNumber,
    },
  };
}

// The card of the docs' own bill example (롯데, 534292******790*), for `example-billingKey`.
const DOCUMENTATION_INSTRUMENT: Instrument = {
  id: DOCUMENTATION_INSTRUMENT_ID,
  behavior: "normal",
  label: "롯데카드 410* (문서 예제)",
  decline: null,
  fields: {
    payMethod: "CARD",
    cardMethodType: "CREDIT",
    cardUserType: "PERSONAL",
    cardCompanyCode: 5,
    cardCompanyName: "롯데",
    cardNumber: "534292******790*",
    cardNum4Print: "410*",
    cardBinNumber: "531764",
  },
};

function isBehavior(value: string): value is Behavior {
  return (BEHAVIORS as readonly string[]).includes(value);
}

/**
 * The instrument for an id, or null when the id names nothing a customer can link (unknown,
 * or 씨티, which Toss does not support).
 */
export function findInstrument(id: string): Instrument | null {
  if (id === DOCUMENTATION_INSTRUMENT_ID) return DOCUMENTATION_INSTRUMENT;
  const [kind, code, behavior] = id.split(":");
  if (!code || !behavior || !isBehavior(behavior)) return null;
  if (kind === "card") {
    const company = CARD_COMPANIES.find((c) => String(c.code) === code);
    return company?.supported ? cardInstrument(company, behavior) : null;
  }
  if (kind === "account") {
    const account = ACCOUNTS.find((a) => a.bankCode === code);
    return account ? accountInstrument(account, behavior) : null;
  }
  return null;
}

/** For rows: an id stored by an earlier version that no longer parses is a programming error. */
export function instrumentOf(id: string): Instrument {
  const instrument = findInstrument(id);
  if (!instrument) throw new Error(`unknown sandbox instrument ${id}`);
  return instrument;
}

/** The method fields of a billing key (callback, /billing-key/status), Toss's spelling. */
export function methodFields(instrument: Instrument): Record<string, string | number> {
  const f = instrument.fields;
  if (f.payMethod === "TOSS_MONEY") return { ...f };
  // The billing-key APIs call the card code `cardCompanyNo`; the bill API `cardCompanyCode`.
  const { cardCompanyCode, ...rest } = f;
  return { ...rest, cardCompanyNo: cardCompanyCode };
}
