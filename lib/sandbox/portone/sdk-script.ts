// {base}/browser-sdk.js: the sandbox's stand-in for @portone/browser-sdk/v2, only as much as
// billing-key issuance with the Toss Pay channel uses (docs/providers.md §3.2):
//
//   const response = await PortOne.requestIssueBillingKey({ storeId, channelKey,
//     billingKeyMethod: "EASY_PAY", customer: { customerId }, issueId?, issueName?,
//     redirectUrl?, noticeUrls?, windowType?, forceRedirect?, customData? })
//
// Like the real SDK it resolves with IssueBillingKeyResponse: {transactionType:
// "ISSUE_BILLING_KEY", billingKey} or {transactionType, code, message, pgCode?, pgMessage?};
// a request the SDK itself can tell is wrong resolves with code "BadRequest" before any window.
// Desktop: a popup ({base}/issuance/start) that posts its result back (issuance.ts). Mobile,
// windowType REDIRECTION or forceRedirect: the page goes to the window, which ends by sending
// the browser to redirectUrl with the result in the query; the promise never settles, as with
// the real SDK's redirect flow. A popup the browser blocks falls back to the redirect flow when
// redirectUrl is given. Closing the popup without answering resolves as a cancel (the sandbox's
// choice; the real SDK's answer then is [unconfirmed]).
//
// A static file (no inline code), so the app's nonce CSP loads it like any other script from
// its own origin, and a window opened by it is a plain navigation that CSP does not restrict.

import { CANCELLED } from "./issuance";
import { scriptResponse } from "@/lib/sandbox/shared/layout";

export function sdkScript(baseUrl: string): string {
  return `/* PortOne browser SDK — sandbox (requestIssueBillingKey only) */
(function () {
  "use strict";
  var BASE = ${JSON.stringify(baseUrl)};
  var SANDBOX_ORIGIN = new URL(BASE, window.location.href).origin;
  var CANCELLED = ${JSON.stringify(CANCELLED)};
  function failure(message) {
    return Promise.resolve({ transactionType: "ISSUE_BILLING_KEY", code: "BadRequest", message: message });
  }
  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function isMobile() {
    return /Mobi|Android|iPhone|iPad|iPod/i.test(window.navigator.userAgent);
  }
  function requestIssueBillingKey(request) {
    if (!request || typeof request !== "object") return failure("요청 객체가 필요합니다.");
    if (typeof request.storeId !== "string" || !request.storeId) return failure("storeId는 필수 입력입니다.");
    if (request.billingKeyMethod !== "EASY_PAY") {
      return failure("토스페이 채널은 billingKeyMethod로 EASY_PAY만 지원합니다.");
    }
    var customer = request.customer || {};
    if (typeof customer.customerId !== "string" || !customer.customerId) {
      return failure("토스페이 빌링키 발급에는 customer.customerId가 필수입니다.");
    }
    var windowType = request.windowType || {};
    var redirect =
      request.forceRedirect === true ||
      (isMobile() ? (windowType.mobile || "REDIRECTION") === "REDIRECTION" : windowType.pc === "REDIRECTION");
    var redirectUrl = request.redirectUrl ? new URL(String(request.redirectUrl), window.location.href).toString() : undefined;
    if (redirect && !redirectUrl) return failure("리디렉션 방식에는 redirectUrl이 필수입니다.");
    var payload = {
      storeId: request.storeId,
      channelKey: request.channelKey,
      billingKeyMethod: request.billingKeyMethod,
      issueId: request.issueId,
      issueName: request.issueName,
      customer: customer,
      redirectUrl: redirectUrl,
      noticeUrls: request.noticeUrls,
      customData: request.customData
    };
    var requestId = randomId();
    function startUrl(flow) {
      return BASE + "/issuance/start?request=" + encodeURIComponent(JSON.stringify(payload)) +
        "&flow=" + flow + "&origin=" + encodeURIComponent(window.location.origin) +
        "&requestId=" + requestId;
    }
    if (redirect) {
      window.location.assign(startUrl("redirect"));
      return new Promise(function () {});
    }
    var popup = window.open(startUrl("popup"), "portone-sandbox-" + requestId, "popup,width=480,height=780");
    if (!popup) {
      if (redirectUrl) {
        window.location.assign(startUrl("redirect"));
        return new Promise(function () {});
      }
      return failure("팝업이 차단되었습니다. 팝업을 허용하거나 redirectUrl을 지정해 주세요.");
    }
    return new Promise(function (resolve) {
      var settled = false;
      function settle(response) {
        if (settled) return;
        settled = true;
        window.removeEventListener("message", onMessage);
        window.clearInterval(watch);
        resolve(response);
      }
      function onMessage(event) {
        if (event.origin !== SANDBOX_ORIGIN) return;
        var data = event.data;
        if (!data || data.source !== "portone-sandbox" || data.requestId !== requestId) return;
        settle(data.response);
      }
      window.addEventListener("message", onMessage);
      // The popup closed without an answer: give a message in flight a moment, then cancel.
      var watch = window.setInterval(function () {
        if (popup.closed) {
          window.clearInterval(watch);
          window.setTimeout(function () { settle(CANCELLED); }, 500);
        }
      }, 400);
    });
  }
  window.PortOne = Object.assign(window.PortOne || {}, { requestIssueBillingKey: requestIssueBillingKey });
})();
`;
}

export function sdkScriptResponse(baseUrl: string): Response {
  return scriptResponse(sdkScript(baseUrl));
}
