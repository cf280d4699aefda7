// The curl examples of Toss Pay's own pages (seeds 000 and 001, docs/providers.md §1.0),
// sent byte for byte against the sandbox's base URL instead of https://pay.toss.im. They use
// the public documentation key and `example-billingKey`, which the sandbox provides.
import { beforeAll, expect, it } from "vitest";
import { type Sandbox, allowCallbackOrigin, startSandbox } from "./support";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  // The docs' example registers its callback on the merchant's site; allowed here so the
  // request passes byte for byte (nothing approves the key, so nothing is ever sent there).
  allowCallbackOrigin("https://YOUR-SITE.COM");
});

// `curl URL -H "Content-Type: application/json" -d '<body>'`
async function curl(path: string, body: string) {
  const response = await fetch(`${sandbox.base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it("빌링키 생성 (000)", async () => {
  const { status, body } = await curl(
    "/api/v1/billing-key",
    '{ "apiKey": "sk_test_w5lNQylNqa5lNQe013Nq", "productDesc": "토스 자동결제 상품", "userId": "TOSS-TEST-1", "resultCallback": "https://YOUR-SITE.COM/callback", "retAppScheme": "testshop://", "returnSuccessUrl": "https://YOUR-SITE.COM/success", "returnFailureUrl": "https://YOUR-SITE.COM/fail" }',
  );
  expect(status).toBe(200);
  expect(body).toMatchObject({ code: 0 });
  expect(Object.keys(body).sort()).toEqual(
    ["billingKey", "checkoutAndroidUri", "checkoutIosUri", "checkoutUri", "code"].sort(),
  );
});

it("자동결제 승인 (000, 001: multi-line body)", async () => {
  const { status, body } = await curl(
    "/api/v1/billing-key/bill",
    `{
        "apiKey": "sk_test_w5lNQylNqa5lNQe013Nq",
        "billingKey": "example-billingKey",
        "orderNo": "TEST_billing_1",
        "productDesc": "테스트샵 빌링 상품",
        "amount": 10000,
        "amountTaxFree": 0,
        "spreadOut": 7,
        "cashReceipt": true,
        "sendFailPush": true
    }`,
  );
  expect(status).toBe(200);
  // The docs' example answer, less the values that differ per charge; under ₩50,000 the
  // requested 7 months become a lump sum ("5만원 미만 금액 … 0으로 리턴").
  expect(body).toMatchObject({
    code: 0,
    mode: "TEST",
    orderNo: "TEST_billing_1",
    amount: 10000,
    payMethod: "CARD",
    discountedAmount: 0,
    paidAmount: 10000,
    cardCompanyName: "롯데",
    cardCompanyCode: 5,
    cardAuthorizationNo: "00000000",
    spreadOut: 0,
    noInterest: false,
    cardUserType: "PERSONAL",
    cardMethodType: "CREDIT",
    cardNumber: "534292******790*",
    cardNum4Print: "410*",
    cardBinNumber: "531764",
  });
  expect(body.salesCheckLinkUrl).toMatch(/\/payfront\/web\/external\/sales-check\?payToken=/);

  // The example's orderNo is fixed, so sending it again is a duplicate, as at Toss.
  const again = await curl(
    "/api/v1/billing-key/bill",
    '{ "apiKey": "sk_test_w5lNQylNqa5lNQe013Nq", "billingKey": "example-billingKey", "orderNo": "TEST_billing_1", "productDesc": "테스트샵 빌링 상품", "amount" : 10000, "amountTaxFree" : 0, "spreadOut" : 7, "cashReceipt" : true, "sendFailPush" : true }',
  );
  expect(again.body).toMatchObject({ code: -1, errorCode: "PAYMENT_DUPLICATION_ORDER_NO" });
});

it("빌링키 상태조회 (000: with the commented-out displayId line)", async () => {
  const { status, body } = await curl(
    "/api/v1/billing-key/status",
    `{
    "apiKey": "sk_test_w5lNQylNqa5lNQe013Nq",
    //"displayId": "TEST_SERVICE_1",
    "userId": "TOSS-TEST-1"
  }`,
  );
  expect(status).toBe(200);
  expect(body).toEqual({
    code: 0,
    userId: "TOSS-TEST-1",
    billingKey: "example-billingKey",
    status: "ACTIVE",
    payMethod: "CARD",
    cardMethodType: "CREDIT",
    cardUserType: "PERSONAL",
    cardCompanyNo: 5,
    cardCompanyName: "롯데",
    cardNum4Print: "410*",
    cardNumber: "534292******790*",
    cardBinNumber: "531764",
  });
});

it("빌링키 삭제 (000)", async () => {
  const { status, body } = await curl(
    "/api/v1/billing-key/remove",
    '{ "apiKey": "sk_test_w5lNQylNqa5lNQe013Nq", "billingKey": "example-billingKey" }',
  );
  expect(status).toBe(200);
  expect(body).toEqual({ code: 0 });
});
