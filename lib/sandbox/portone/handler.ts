import { routeAssetsAndTools } from "@/lib/sandbox/shared/assets-and-tools";
import { type SandboxHostOptions, sandboxRequest } from "@/lib/sandbox/shared/context";
import { withFaults } from "@/lib/sandbox/shared/faults";
import { parseJsonObject } from "@/lib/sandbox/shared/json-body";
import { jsonResponse } from "@/lib/sandbox/shared/json-response";
import { PortOneApiError, invalidJsonBody } from "./api-error";
import { deleteBillingKey, getBillingKey } from "./billing-keys";
import type { ApiOperation, PortOneContext } from "./context";
import { routeTools } from "./dev-tools";
import { routeIssuance } from "./issuance";
import { payWithBillingKey } from "./pay";
import { cancelPayment, getPayment, getPaymentTransactions } from "./payments";
import { showReceipt } from "./receipt";
import { runtimeFor } from "./runtime";
import { sdkScriptResponse } from "./sdk-script";
import { requireStore, requireStoreWithKey } from "./stores";

// The api.portone.io sandbox as one web-standard handler: Request in, Response out. Next mounts
// it at /sandbox/portone (app/sandbox/portone/[[...path]]/route.ts); the node server runs it at
// the root, so there `{base}` is the origin, as with api.portone.io.
//
// {base}/billing-keys/…, {base}/payments/…   PortOne's REST API (docs/providers.md §3.3)
// {base}/browser-sdk.js                       the emulated browser SDK (requestIssueBillingKey)
// {base}/issuance[/…]                         the issuance window (the emulated Toss app)
// {base}/receipts                             what receiptUrl opens
// {base}/_sandbox/**                          developer tools (authorizeTools decides)

export type PortOneSandboxOptions = SandboxHostOptions;

// keyOfBody: the operation charges the body's billingKey, read with the store in one query.
type Route = { method: string; pattern: RegExp; operation: ApiOperation; keyOfBody?: true };

// Path parameters are URL-decoded (the SDK encodes them with encodeURIComponent).
const API: readonly Route[] = [
  { method: "GET", pattern: /^\/billing-keys\/([^/]+)$/, operation: getBillingKey },
  { method: "DELETE", pattern: /^\/billing-keys\/([^/]+)$/, operation: deleteBillingKey },
  {
    method: "POST",
    pattern: /^\/payments\/([^/]+)\/billing-key$/,
    operation: payWithBillingKey,
    keyOfBody: true,
  },
  {
    method: "GET",
    pattern: /^\/payments\/([^/]+)\/transactions$/,
    operation: getPaymentTransactions,
  },
  { method: "POST", pattern: /^\/payments\/([^/]+)\/cancel$/, operation: cancelPayment },
  { method: "GET", pattern: /^\/payments\/([^/]+)$/, operation: getPayment },
];

function errorResponse(error: unknown): Response {
  if (error instanceof PortOneApiError) return jsonResponse(error.body(), error.httpStatus);
  console.error("[portone sandbox] unexpected error:", error);
  const internal = new PortOneApiError("INTERNAL_SERVER_ERROR", "내부 오류가 발생했습니다.");
  return jsonResponse(internal.body(), internal.httpStatus);
}

/** The fault switches' 5xx answer (lib/sandbox/shared/faults.ts). */
const faultError = () => errorResponse(new PortOneApiError("INTERNAL_SERVER_ERROR"));

function decodeParam(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? "");
  } catch {
    throw new PortOneApiError("INVALID_REQUEST", "경로의 값을 읽을 수 없습니다.");
  }
}

async function runApi(
  ctx: PortOneContext,
  request: Request,
  url: URL,
  route: Route,
  param: string,
): Promise<Response> {
  try {
    if (!route.keyOfBody) {
      const store = await requireStore(ctx.db, request);
      const body =
        route.method === "POST" ? parseJsonObject(await request.text(), invalidJsonBody) : {};
      return jsonResponse(
        await route.operation(ctx, {
          store,
          param: decodeParam(param),
          query: url.searchParams,
          body,
        }),
      );
    }
    // The body is read first (for its billingKey), but a wrong secret still answers 401 before
    // an unreadable body answers 400, as on every other route.
    let body: Record<string, unknown> = {};
    let unreadable: Error | null = null;
    try {
      body = parseJsonObject(await request.text(), invalidJsonBody);
    } catch (error) {
      unreadable = error instanceof Error ? error : new Error(String(error));
    }
    const billingKey = typeof body.billingKey === "string" ? body.billingKey : "";
    const { store, key } = await requireStoreWithKey(ctx.db, request, billingKey);
    if (unreadable) throw unreadable;
    const answer = await route.operation(ctx, {
      store,
      param: decodeParam(param),
      query: url.searchParams,
      body,
      keyOfBody: key,
    });
    return jsonResponse(answer);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function handlePortOneSandbox(
  request: Request,
  options: PortOneSandboxOptions,
): Promise<Response> {
  const notFound = () => errorResponse(new PortOneApiError("NOT_FOUND"));
  const mounted = sandboxRequest(request, options, runtimeFor);
  if (!mounted) return notFound();
  const { path, ctx, url, method } = mounted;

  try {
    const matches = API.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
      (m) => m.match,
    );
    if (matches.length > 0) {
      const found = matches.find((m) => m.route.method === method);
      if (!found) return errorResponse(new PortOneApiError("METHOD_NOT_ALLOWED"));
      return await withFaults(ctx, faultError, () =>
        runApi(ctx, request, url, found.route, found.match?.[1] ?? ""),
      );
    }
    if (path === "/browser-sdk.js" && method === "GET") return sdkScriptResponse(ctx.baseUrl);
    if (path === "/receipts" && method === "GET") return await showReceipt(ctx, url);
    if (path === "/issuance" || path.startsWith("/issuance/")) {
      const screen = await routeIssuance(mounted);
      if (screen) return screen;
    }
    return (await routeAssetsAndTools(mounted, options.authorizeTools, routeTools)) ?? notFound();
  } catch (error) {
    return errorResponse(error);
  }
}
