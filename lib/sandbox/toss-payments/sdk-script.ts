import { scriptResponse } from "@/lib/sandbox/shared/layout";

// {base}/v2/standard: the sandbox's stand-in for https://js.tosspayments.com/v2/standard
// (docs/providers.md §2.2), only as much as billing registration uses:
//
//   TossPayments(clientKey).payment({ customerKey })
//     .requestBillingAuth({ method: "CARD" | "TRANSFER", successUrl, failUrl,
//                           customerEmail?, customerName? })
//
// It posts those values to the sandbox's billing-auth window ({base}/billing-auth), which the
// browser then shows in place of the page, like the real SDK's redirect flow; the window ends
// by sending the browser to successUrl or failUrl with the documented query parameters. A
// wrong argument rejects at once with `{ code, message }`, as the SDK does, before any window.
// The script is a static file (no inline code), so a nonce-based CSP loads it like any other.

export function sdkScript(baseUrl: string): string {
  return `/* Toss Payments sandbox SDK (billing auth only) */
(function () {
  "use strict";
  var WINDOW_URL = ${JSON.stringify(`${baseUrl}/billing-auth`)};
  function fail(code, message) {
    var error = new Error(message);
    error.code = code;
    return Promise.reject(error);
  }
  function absolute(url) {
    try { return new URL(String(url), window.location.href).toString(); } catch (e) { return null; }
  }
  function requestBillingAuth(clientKey, customerKey, options) {
    options = options || {};
    if (options.method !== "CARD" && options.method !== "TRANSFER") {
      return fail("INVALID_METHOD", "method는 CARD 또는 TRANSFER여야 합니다.");
    }
    var successUrl = options.successUrl && absolute(options.successUrl);
    var failUrl = options.failUrl && absolute(options.failUrl);
    if (!successUrl) return fail("INVALID_SUCCESS_URL", "successUrl을 확인해주세요.");
    if (!failUrl) return fail("INVALID_FAIL_URL", "failUrl을 확인해주세요.");
    var fields = {
      clientKey: clientKey,
      customerKey: customerKey,
      method: options.method,
      successUrl: successUrl,
      failUrl: failUrl,
      customerEmail: options.customerEmail || "",
      customerName: options.customerName || ""
    };
    var form = document.createElement("form");
    form.method = "POST";
    form.action = WINDOW_URL;
    form.style.display = "none";
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
    // The page is being replaced by the window: like the SDK's redirect flow, never settles.
    return new Promise(function () {});
  }
  function TossPayments(clientKey) {
    if (typeof clientKey !== "string" || clientKey.length === 0) {
      throw Object.assign(new Error("클라이언트 키가 필요합니다."), { code: "INVALID_CLIENT_KEY" });
    }
    return {
      payment: function (params) {
        var customerKey = params && params.customerKey;
        return {
          requestBillingAuth: function (options) {
            if (typeof customerKey !== "string" || customerKey.length < 2) {
              return fail("INVALID_CUSTOMER_KEY", "customerKey를 확인해주세요.");
            }
            return requestBillingAuth(clientKey, customerKey, options);
          }
        };
      }
    };
  }
  window.TossPayments = TossPayments;
})();
`;
}

export function sdkScriptResponse(baseUrl: string): Response {
  return scriptResponse(sdkScript(baseUrl));
}
