// The example requests and responses printed in Toss Pay's own pages (seeds 000 = tossdev
// api_recurring, 001 = docs-pay billing/bill), copied as printed. Toss's examples are not valid
// JSON (they carry `//` comments, and seed 000's bill example lacks a comma and a closing
// quote), so each is kept verbatim with the comments, and `fromDocs` strips only the comment
// lines and the one typo fix noted below.

/** Removes the `//` comments the docs print inside JSON (not `//` inside strings), then parses. */
export function fromDocs(text: string): unknown {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      out += char;
      if (char === "\\") out += text[++i] ?? "";
      else if (char === '"') inString = false;
    } else if (char === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else {
      if (char === '"') inString = true;
      out += char;
    }
  }
  // A trailing comma left where a commented-out field followed.
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

// seed 000, "빌링키 생성" response
export const createBillingKeyExample = `{
"code": 0,
"billingKey": "example-billingKey",
"checkoutAndroidUri": "intent://pay/BillingKey?billingKey=example-billingKey#Intent;scheme=supertoss;package=viva.republica.toss;end",
"checkoutIosUri": "https://ul.toss.im?scheme=supertoss%3A%2F%2Fpay/BillingKey%3FbillingKey%3Dexample-billingKey",
"checkoutUri": "https://toss.onelink.me/3563614660?pid=referral&af_dp=supertoss%3A%2F%2Fpay%2FbillingKey%3FbillingKey%3Dexample-billingKey%26_minVerAos%3D4.64.0%26_minVerIos%3D4.51.0"
}`;

// seed 000, the resultCallback payload (bank code printed as "88")
export const callbackExample = `{
"action": "ACTIVATED",
"processedTs" : "2020-04-01 12:34:11",
"userId": "TOSS-TEST-1",
//"displayId": "TEST_SERVICE_1",
"billingKey": "example-billingKey",
"payMethod" : "TOSS_MONEY",
"accountBankCode" : "88",
"accountBankName" : "신한은행",
"accountNumber" : "110******676"
}`;

// seed 001 (docs-pay), bill response: money as strings ("150000")
export const billExample = `{
  "code": 0,
  "mode": "TEST",
  "approvalTime": "2020-04-06 11:28:09",
  "amount": "150000",
  "payMethod": "CARD", //"TOSS_MONEY"
  "payToken": "example-payToken",
  "orderNo": "TEST_billing_1",
  "transactionId": "3243c76e-e9cf-4669-881b-33a3b82ddf49",
  "discountedAmount": 0,
  "paidAmount": "150000",

  // payMethod 가 CARD 일때
  "cardCompanyName": "롯데",
  "cardCompanyCode": 5,
  "cardAuthorizationNo": "00000000",
  "salesCheckLinkUrl": "https://alpha-pay.toss.im/payfront/web/external/sales-check?payToken=example-payToken&transactionId=5a8cf658-b60d-4ae3-a959-279c66fc6743",
  "spreadOut": 0,
  "noInterest": false,
  "cardUserType": "PERSONAL",
  "cardMethodType": "CREDIT",
  "cardNumber": "534292******790*",
  "cardNum4Print": "410*",
  "cardBinNumber": "531764"

  // payMethod 가 TOSS_MONEY 일때
  //"accountBankCode": "88",
  //"accountBankName": "신한은행",
  //"accountNumber": "110******676"
}`;

// seed 000's older print of the same bill response. Typo fixed: the docs omit the comma after
// "cardNumber" and the closing quote of "cardBinNumber"; paidAmount differs ("15000") as printed.
export const billExampleTossdev = `{
"code": 0,
"mode": "TEST",
"approvalTime": "2020-04-06 11:28:09",
"amount": "150000",
"payMethod": "CARD", //"TOSS_MONEY"
"payToken": "example-payToken",
"orderNo": "TEST_billing_1",
"transactionId": "3243c76e-e9cf-4669-881b-33a3b82ddf49",
"discountedAmount" : 0,
"paidAmount" : "15000",
//payMethod 가 CARD 일때
"cardCompanyName": "롯데",
"cardCompanyCode": 5,
"cardAuthorizationNo": "00000000",
"salesCheckLinkUrl": "https://alpha-pay.toss.im/payfront/web/external/sales-check?payToken=0PxriKdAz8Nsj7j5ZVO94b&transactionId=5a8cf658-b60d-4ae3-a959-279c66fc6743",
"spreadOut": 0,
"noInterest": false,
"cardUserType": "PERSONAL",
"cardMethodType": "CREDIT",
"cardNumber": "534292******790*",
"cardNum4Print": "410*",
"cardBinNumber": "531764"
//payMethod 가 TOSS_MONEY 일때
//"accountBankCode" : "88",
//"accountBankName" : "신한은행",
//"accountNumber" : "110******676"
}`;

// seed 000, billing-key status, card (displayId in Korean although the request rule forbids it:
// responses are parsed leniently)
export const statusCardExample = `{
"code": 0,
"userId": "TEST=2023-07-03T14:29:00.201Z",
"displayId": "테스트777",
"billingKey": "8JZBi0gmKZlfxaV4Zm4762",
"status": "ACTIVE",
"payMethod": "CARD",
"cardMethodType": "CREDIT",
"cardUserType": "PERSONAL",
"cardCompanyNo": 7,
"cardCompanyName": "우리",
"cardNum4Print": "410*",
"cardNumber": "531764******410*",
"cardBinNumber": "531764"
}`;

// seed 000, billing-key status, account
export const statusAccountExample = `{
"code": 0,
"userId": "TEST=2023-07-03T14:29:00.201Z",
"displayId": "테스트777",
"billingKey": "8JZBi0gmKZlfxaV4Zm4762",
"status": "ACTIVE",
"payMethod": "TOSS_MONEY",
"accountBankName": "신한은행",
"accountBankCode": "088",
"accountNumber": "110******676" // 토스머니일 경우 "accountNumber":"토스머니"
}`;

// seed 000, remove
export const removeExample = `{
"code": 0
}`;

// seed 000 and 001, request examples
export const createBillingKeyRequestExample = {
  apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
  productDesc: "토스 자동결제 상품",
  userId: "TOSS-TEST-1",
  resultCallback: "https://YOUR-SITE.COM/callback",
  retAppScheme: "testshop://",
  returnSuccessUrl: "https://YOUR-SITE.COM/success",
  returnFailureUrl: "https://YOUR-SITE.COM/fail",
};

export const billRequestExample = {
  apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
  billingKey: "example-billingKey",
  orderNo: "TEST_billing_1",
  productDesc: "테스트샵 빌링 상품",
  amount: 10000,
  amountTaxFree: 0,
  spreadOut: 7,
  cashReceipt: true,
  sendFailPush: true,
};
