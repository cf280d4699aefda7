import { describe, expect, it } from "vitest";
import {
  describeMethod,
  groupCardNumber,
  methodLabel,
  type MethodDisplay,
} from "./describe-method";

const none: MethodDisplay = {
  kind: null,
  cardCompany: null,
  cardNumberMasked: null,
  cardMethodType: null,
  bankName: null,
  accountNumberMasked: null,
};

describe("how a linked method reads", () => {
  it("names a card by its company, with its type and Toss's masked number grouped", () => {
    const card = {
      ...none,
      kind: "card" as const,
      cardCompany: "국민",
      cardNumberMasked: "457973******410*",
      cardMethodType: "check" as const,
    };
    expect(describeMethod(card)).toEqual({
      title: "국민카드",
      number: "4579 73** **** 410*",
      type: "체크",
      pending: null,
    });
    expect(methodLabel(card)).toBe("국민카드 체크 4579 73** **** 410*");
    expect(describeMethod({ ...card, cardCompany: "BC카드" }).title).toBe("BC카드");
  });

  it("leaves numbers it cannot group as they came", () => {
    expect(groupCardNumber("4579-73**-****-410*")).toBe("4579 73** **** 410*");
    expect(groupCardNumber("410*")).toBe("410*");
  });

  it("names an account by its bank and 토스머니 as itself", () => {
    expect(
      describeMethod({
        ...none,
        kind: "account",
        bankName: "신한은행",
        accountNumberMasked: "110******676",
      }),
    ).toEqual({ title: "신한은행", number: "110******676", type: null, pending: null });
    expect(describeMethod({ ...none, kind: "toss_money", bankName: "토스머니" })).toEqual({
      title: "토스머니",
      number: null,
      type: null,
      pending: null,
    });
  });

  it("says a 퀵계좌이체 account's bank comes with the first charge", () => {
    const account = describeMethod({ ...none, kind: "account" });
    expect(account).toMatchObject({ title: "계좌", number: null });
    expect(account.pending).toBe("은행과 계좌번호는 첫 결제 후 표시돼요");
  });

  it("still says something when the details have not arrived", () => {
    expect(describeMethod(none).title).toBe("토스페이 결제수단");
  });
});
