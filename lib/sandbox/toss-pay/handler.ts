import {
  type MountedRequest,
  type SandboxHostOptions,
  sandboxRequest,
} from "@/lib/sandbox/shared/context";
import { SandboxApiError, invalidJsonBody, jsonResponse } from "./api-error";
import { serveFont } from "@/lib/sandbox/shared/assets";
import { chargeBillingKey } from "./charge-billing-key";
import { type CheckoutForm, approveCheckout, cancelCheckout, showCheckout } from "./checkout";
import type { ApiOperation, SandboxContext } from "./context";
import { createBillingKey } from "./create-billing-key";
import { withFaults } from "@/lib/sandbox/shared/faults";
import { getBillingKeyStatus } from "./get-billing-key-status";
import { getPaymentStatus } from "./get-payment-status";
import { readFields as sharedReadFields, wantsJson } from "@/lib/sandbox/shared/form-fields";
import { readJsonObject } from "@/lib/sandbox/shared/json-body";
import { settingsEndpoint } from "@/lib/sandbox/shared/settings-endpoint";
import {
  type KeyActionForm,
  changeKeyMethod,
  createActiveKey,
  listKeys,
  removeKeyAsUser,
} from "./key-management";
import { showLedger } from "./ledger";
import { showReceipt } from "./receipt";
import { refundPayment } from "./refund-payment";
import { runtimeFor } from "./runtime";
import { listCallbacks, showHome } from "./sandbox-home";
import { SETTINGS_STORE } from "./settings";
import { removeBillingKey } from "./remove-billing-key";
import { requireTestApiKey } from "./validation";

// The pay.toss.im sandbox as one web-standard handler: Request in, Response out. Next mounts
// it at /sandbox/toss-pay (app/sandbox/toss-pay/[[...path]]/route.ts); scripts/sandbox.ts runs
// it on node:http at the root, so there `{base}` is just the origin, as with pay.toss.im.
//
// {base}/api/v1/billing-key[/status|/remove|/bill], {base}/api/v2/refunds|status   Toss's API
// {base}/payfront/billing?token=…[&platform=android|ios]                           app screen
// {base}/payfront/web/external/sales-check?payToken=…&transactionId=…              receipt
// {base}/_sandbox[/keys|/ledger|/settings|/callbacks|/in-flight]                   developer tools
//
// The developer tools show every billing key in full and switch faults for everyone, so the
// host decides who may use them (`authorizeTools`); Toss's API and the app screens stay open,
// because the app server and the customer's browser reach them like they would reach Toss.

export type TossPaySandboxOptions = SandboxHostOptions;

/** {base}/_sandbox and everything under it. */
export function isToolsPath(path: string): boolean {
  return path === "/_sandbox" || path.startsWith("/_sandbox/");
}

const API: Record<string, ApiOperation> = {
  "/api/v1/billing-key": createBillingKey,
  "/api/v1/billing-key/status": getBillingKeyStatus,
  "/api/v1/billing-key/remove": removeBillingKey,
  "/api/v1/billing-key/bill": chargeBillingKey,
  "/api/v2/refunds": refundPayment,
  "/api/v2/status": getPaymentStatus,
};

const notFound = () =>
  jsonResponse(
    { code: -1, errorCode: "COMMON_NOT_FOUND", msg: "존재하지 않는 API 주소입니다." },
    404,
  );

/** The fault switches' 5xx answer (lib/sandbox/shared/faults.ts). */
const systemError = () =>
  jsonResponse(
    {
      code: -1,
      errorCode: "COMMON_SYSTEM_ERROR",
      msg: "일시적인 오류가 발생했습니다. (샌드박스 장애 주입)",
    },
    500,
  );

function errorResponse(error: unknown): Response {
  if (error instanceof SandboxApiError) return jsonResponse(error.body(), error.httpStatus);
  console.error("[toss-pay sandbox] unexpected error:", error);
  return jsonResponse(
    { code: -1, errorCode: "COMMON_SYSTEM_ERROR", msg: "샌드박스 내부 오류입니다." },
    500,
  );
}

const readFields = (request: Request) => sharedReadFields(request, invalidJsonBody);

export async function handleTossPaySandbox(
  request: Request,
  options: TossPaySandboxOptions,
): Promise<Response> {
  const mounted = sandboxRequest(request, options, runtimeFor);
  if (!mounted) return notFound();
  const { path, ctx } = mounted;

  try {
    const operation = API[path];
    if (operation) {
      if (request.method !== "POST") {
        return jsonResponse(
          { code: -1, errorCode: "COMMON_INVALID_PARAMETER", msg: "POST로만 호출할 수 있습니다." },
          405,
        );
      }
      return await withFaults(ctx, systemError, async () => {
        try {
          const body = await readJsonObject(request, invalidJsonBody);
          const apiKey = requireTestApiKey(body);
          return jsonResponse(await operation(ctx, apiKey, body));
        } catch (error) {
          return errorResponse(error);
        }
      });
    }
    if (isToolsPath(path)) {
      const refusal = await options.authorizeTools(request);
      if (refusal) return refusal;
    }
    return await routeScreens(mounted);
  } catch (error) {
    return errorResponse(error);
  }
}

async function routeScreens(mounted: MountedRequest<SandboxContext>): Promise<Response> {
  const { request, method, url, path, ctx } = mounted;
  if (path.startsWith("/_assets/") && method === "GET")
    return serveFont(path.slice("/_assets/".length));

  if (path === "/payfront/billing" && method === "GET") return showCheckout(ctx, url);
  if (path === "/payfront/billing/approve" && method === "POST") {
    return approveCheckout(ctx, (await readFields(request)) as CheckoutForm);
  }
  if (path === "/payfront/billing/cancel" && method === "POST") {
    return cancelCheckout(ctx, (await readFields(request)) as CheckoutForm);
  }
  if (path === "/payfront/web/external/sales-check" && method === "GET")
    return showReceipt(ctx, url);

  if (path === "/_sandbox" && method === "GET") return showHome(ctx);
  if (path === "/_sandbox/ledger" && method === "GET") return showLedger(ctx, url);
  if (path === "/_sandbox/callbacks" && method === "GET") return listCallbacks(ctx);
  if (path === "/_sandbox/keys" && method === "GET") return listKeys(ctx, url);
  if (path === "/_sandbox/keys" && method === "POST")
    return createActiveKey(ctx, await readJsonObject(request, invalidJsonBody));
  if (
    (path === "/_sandbox/keys/change-method" || path === "/_sandbox/keys/remove") &&
    method === "POST"
  ) {
    const json = wantsJson(request);
    const form = (await readFields(request)) as KeyActionForm;
    const back = new URL(`${ctx.baseUrl}/_sandbox/keys`);
    try {
      const result =
        path === "/_sandbox/keys/remove"
          ? await removeKeyAsUser(ctx, form)
          : await changeKeyMethod(ctx, form);
      if (json) return jsonResponse({ code: 0, msg: result.notice });
      back.searchParams.set("notice", result.notice);
    } catch (error) {
      if (json || !(error instanceof SandboxApiError)) throw error;
      back.searchParams.set("error", `${error.message} (${error.errorCode})`);
    }
    return new Response(null, { status: 303, headers: { location: back.toString() } });
  }

  // GET: API requests in flight now and at most at once; DELETE: start the peak afresh.
  if (path === "/_sandbox/in-flight" && (method === "GET" || method === "DELETE")) {
    if (method === "DELETE") ctx.runtime.inFlight.reset();
    return jsonResponse(ctx.runtime.inFlight.read());
  }
  if (path === "/_sandbox/settings" && ["GET", "PUT", "POST"].includes(method)) {
    return settingsEndpoint(request, ctx, SETTINGS_STORE, invalidJsonBody);
  }

  if (path === "/" || path === "") {
    return new Response(null, { status: 302, headers: { location: `${ctx.baseUrl}/_sandbox` } });
  }
  return notFound();
}
