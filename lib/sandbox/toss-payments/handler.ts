import { routeAssetsAndTools } from "@/lib/sandbox/shared/assets-and-tools";
import {
  type MountedRequest,
  type SandboxHostOptions,
  sandboxRequest,
} from "@/lib/sandbox/shared/context";
import { withFaults } from "@/lib/sandbox/shared/faults";
import { readFields } from "@/lib/sandbox/shared/form-fields";
import { parseJsonObject } from "@/lib/sandbox/shared/json-body";
import { jsonResponse } from "@/lib/sandbox/shared/json-response";
import { TossPaymentsError, invalidJsonBody, isErrorCode } from "./api-error";
import {
  approveBillingAuth,
  cancelBillingAuth,
  showBillingAuth,
  startBillingAuth,
} from "./billing-auth";
import { cancelPayment } from "./cancel-payment";
import { chargeBillingKey } from "./charge-billing-key";
import type { ApiAnswer, ApiOperation, TossPaymentsContext } from "./context";
import { deleteBillingKeyOperation } from "./delete-billing-key";
import { routeTools } from "./dev-tools";
import { getPaymentByKey, getPaymentByOrderId } from "./get-payment";
import { type IdempotencyClaim, withIdempotency } from "./idempotency";
import { issueBillingKey } from "./issue-billing-key";
import { requireSecretKey } from "./merchant-auth";
import { showReceipt } from "./receipt";
import { runtimeFor } from "./runtime";
import { sdkScriptResponse } from "./sdk-script";

// The api.tosspayments.com sandbox as one web-standard handler: Request in, Response out. Next
// mounts it at /sandbox/toss-payments (app/sandbox/toss-payments/[[...path]]/route.ts); the
// node server runs it at the root, so there `{base}` is the origin, as with Toss.
//
// {base}/v1/billing/…, {base}/v1/payments/…          Toss Payments' API (docs/providers.md §2.3)
// {base}/v2/standard                                 the browser SDK (billing-auth only)
// {base}/billing-auth[/approve|/cancel]              the billing-auth window
// {base}/_sandbox/**                                 developer tools (authorizeTools decides)

export type TossPaymentsSandboxOptions = SandboxHostOptions;

type Route = {
  method: string;
  pattern: RegExp;
  operation: ApiOperation;
  /** The operation claims its Idempotency-Key in its first read (idempotency.ts). */
  claimsKeyInFirstRead?: boolean;
};

// The path parameter is URL-decoded: billing keys can contain `=` (docs/providers.md §2.3.1).
const API: readonly Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/billing\/authorizations\/issue$/,
    operation: issueBillingKey,
  },
  {
    method: "POST",
    pattern: /^\/v1\/billing\/([^/]+)$/,
    operation: chargeBillingKey,
    claimsKeyInFirstRead: true,
  },
  { method: "DELETE", pattern: /^\/v1\/billing\/([^/]+)$/, operation: deleteBillingKeyOperation },
  { method: "GET", pattern: /^\/v1\/payments\/orders\/([^/]+)$/, operation: getPaymentByOrderId },
  { method: "GET", pattern: /^\/v1\/payments\/([^/]+)$/, operation: getPaymentByKey },
  { method: "POST", pattern: /^\/v1\/payments\/([^/]+)\/cancel$/, operation: cancelPayment },
];

const TEST_CODE_HEADER = "tosspayments-test-code";

function answerResponse(answer: ApiAnswer): Response {
  if (answer.body === null) {
    return new Response(null, { status: answer.status, headers: { "cache-control": "no-store" } });
  }
  return jsonResponse(answer.body, answer.status);
}

function errorResponse(error: unknown): Response {
  if (error instanceof TossPaymentsError) return jsonResponse(error.body(), error.httpStatus);
  console.error("[toss-payments sandbox] unexpected error:", error);
  const internal = new TossPaymentsError("FAILED_INTERNAL_SYSTEM_PROCESSING");
  return jsonResponse(internal.body(), internal.httpStatus);
}

/** The fault switches' 5xx answer (lib/sandbox/shared/faults.ts). */
const faultError = () =>
  jsonResponse(
    new TossPaymentsError(
      "FAILED_INTERNAL_SYSTEM_PROCESSING",
      "일시적인 오류가 발생했습니다. (샌드박스 장애 주입)",
    ).body(),
    500,
  );

function decodeParam(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? "");
  } catch {
    throw new TossPaymentsError("INVALID_REQUEST", "경로의 값을 읽을 수 없습니다.");
  }
}

/** `TossPayments-Test-Code` (docs/providers.md §2.1): answer that documented error, do nothing. */
function forcedError(request: Request): TossPaymentsError | null {
  const code = request.headers.get(TEST_CODE_HEADER)?.trim();
  if (!code) return null;
  if (!isErrorCode(code)) {
    return new TossPaymentsError(
      "INVALID_REQUEST",
      `${TEST_CODE_HEADER}: 알 수 없는 에러 코드입니다.`,
    );
  }
  return new TossPaymentsError(code);
}

async function runApi(
  ctx: TossPaymentsContext,
  request: Request,
  route: Route,
  param: string,
  path: string,
): Promise<Response> {
  try {
    const secretKey = requireSecretKey(request);
    const forced = forcedError(request);
    if (forced) throw forced;
    const bodyText = route.method === "POST" ? await request.text() : "";
    const run = async (idempotency: IdempotencyClaim | null): Promise<ApiAnswer> => {
      const body = route.method === "POST" ? parseJsonObject(bodyText, invalidJsonBody) : {};
      return route.operation(ctx, { secretKey, param: decodeParam(param), body, idempotency });
    };
    // docs/providers.md §2.5: POST only; GET and DELETE ignore the header.
    const answer =
      route.method === "POST"
        ? await withIdempotency(
            ctx,
            {
              secretKey,
              key: request.headers.get("idempotency-key"),
              method: route.method,
              path,
              bodyText,
            },
            run,
            { claimInFirstRead: route.claimsKeyInFirstRead ?? false },
          )
        : await run(null);
    return answerResponse(answer);
  } catch (error) {
    return errorResponse(error);
  }
}

/** The browser's side: the SDK script and the billing-auth window (billing-auth.ts). */
async function routeScreens(
  mounted: MountedRequest<TossPaymentsContext>,
): Promise<Response | null> {
  const { ctx, request, method, url, path } = mounted;
  if (path === "/v2/standard" && method === "GET") return sdkScriptResponse(ctx.baseUrl);
  if (path === "/billing-auth" && method === "GET") return showBillingAuth(ctx, url);
  if (path === "/receipt/redirection" && method === "GET") return showReceipt(ctx, url);
  const handlers = {
    "/billing-auth": startBillingAuth,
    "/billing-auth/approve": approveBillingAuth,
    "/billing-auth/cancel": cancelBillingAuth,
  } as const;
  const handler = method === "POST" ? handlers[path as keyof typeof handlers] : undefined;
  return handler ? handler(ctx, await readFields(request, invalidJsonBody)) : null;
}

export async function handleTossPaymentsSandbox(
  request: Request,
  options: TossPaymentsSandboxOptions,
): Promise<Response> {
  const notFound = () => errorResponse(new TossPaymentsError("NOT_FOUND"));
  const mounted = sandboxRequest(request, options, runtimeFor);
  if (!mounted) return notFound();
  const { path, ctx } = mounted;

  try {
    const matches = API.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
      (m) => m.match,
    );
    if (matches.length > 0) {
      const found = matches.find((m) => m.route.method === request.method);
      if (!found) return errorResponse(new TossPaymentsError("METHOD_NOT_ALLOWED"));
      return await withFaults(ctx, faultError, () =>
        runApi(ctx, request, found.route, found.match?.[1] ?? "", path),
      );
    }
    const screen = await routeScreens(mounted);
    if (screen) return screen;
    return (await routeAssetsAndTools(mounted, options.authorizeTools, routeTools)) ?? notFound();
  } catch (error) {
    return errorResponse(error);
  }
}
